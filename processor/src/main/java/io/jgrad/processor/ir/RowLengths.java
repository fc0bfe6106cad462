package io.jgrad.processor.ir;

import java.util.Map;

/**
 * The compile-time lengths of the differentiated rows of a {@code @Batched} function:
 * {@code @Batched(rowLength)} for every row ({@code all}, 0 for none) and {@code @Batched.RowLength}
 * on a parameter for that row ({@code own}, which wins).
 */
public record RowLengths(int all, Map<String, Integer> own) {
  /** No row of a length fixed at compile time. */
  public static final RowLengths NONE = new RowLengths(0, Map.of());

  public RowLengths {
    own = Map.copyOf(own);
  }

  /** The length of the row of {@code param}, 0 where the run says it. */
  public int of(String param) {
    return own.getOrDefault(param, all);
  }

  /** How the user fixed the length of {@code param}'s rows, for messages. */
  public String spelling(String param) {
    return own.containsKey(param) ? "@Batched.RowLength(" + own.get(param) + ") on " + param
        : "@Batched(rowLength = " + all + ")";
  }

  /** Whether no length is fixed at compile time. */
  public boolean none() {
    return all == 0 && own.isEmpty();
  }
}

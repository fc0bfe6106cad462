package io.jgrad.processor.check;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the name among {@code candidates} closest to a misspelt one, if one is close
 * enough to be a typo — the same letters in another case ({@code squareJVP} for {@code squareJvp}),
 * or at most two letters inserted, removed, changed or swapped with a neighbour (one per three letters of the name, so that a
 * short name does not match every other short name). Ties go to the first candidate.
 */
final class NearMiss {
  private static final int MAX_EDITS = 2;

  private NearMiss() {}

  static Optional<String> of(String wrong, Collection<String> candidates) {
    String w = wrong.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Math.min(MAX_EDITS, wrong.length() / 3) + 1;
    for (String c : candidates) {
      // case is compared last: a candidate that differs only in case is distance 0
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Edits between {@code a} and {@code b}: insertions, removals, changes and swaps of neighbours. */
  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > MAX_EDITS) {
      return MAX_EDITS + 1;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + change, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}

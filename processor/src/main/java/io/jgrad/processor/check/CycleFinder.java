package io.jgrad.processor.check;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Function;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds functions that call themselves through others ({@code f → g → f}). A direct self-call is
 * reported by the body parser, and a {@code @CustomJvp} rule calling its own primal is the intended
 * pattern, so only cycles through at least one other function are found here.
 */
public final class CycleFinder {
  private CycleFinder() {}

  /** For each function on such a cycle, the names along the cycle from it back to itself, keyed as {@code byKey} is. */
  public static Map<String, List<String>> cycles(Map<String, Function> byKey) {
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (String start : byKey.keySet()) {
      List<String> path = new ArrayList<>(List.of(start));
      if (reaches(start, start, byKey, path, new HashSet<>())) {
        found.put(start, path.stream().map(k -> byKey.get(k).signature().name()).toList());
      }
    }
    return found;
  }

  /** Depth-first search from {@code at} back to {@code target}, leaving the path in {@code path}. */
  private static boolean reaches(String at, String target, Map<String, Function> byKey, List<String> path,
      Set<String> seen) {
    for (Callee c : Calls.of(byKey.get(at))) {
      String next = c.key();
      if (next.equals(at) || !byKey.containsKey(next)) {
        continue;
      }
      boolean searchedBefore = !next.equals(target) && !seen.add(next);
      if (searchedBefore) {
        continue;
      }
      path.add(next);
      if (next.equals(target) || reaches(next, target, byKey, path, seen)) {
        return true;
      }
      path.remove(path.size() - 1);
    }
    return false;
  }
}

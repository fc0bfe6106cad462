package io.jgrad.processor.check;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Function;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds functions that call themselves through others ({@code f → g → f}). A direct self-call is
 * reported by the body parser, and a {@code @CustomJvp} rule calling its own primal is the intended
 * pattern, so only cycles through at least one other function are found here.
 */
public final class CycleFinder {
  private CycleFinder() {}

  /**
   * For each function on such a cycle, the names along the cycle from it back to itself, keyed as
   * {@code byKey} is; {@code key} maps a callee to the same keys.
   */
  public static Map<String, List<String>> cycles(Map<String, Function> byKey,
      java.util.function.Function<Callee, String> key) {
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (String start : byKey.keySet()) {
      List<String> path = new ArrayList<>();
      path.add(start);
      if (reaches(start, start, byKey, key, path, new java.util.HashSet<>())) {
        List<String> names = new ArrayList<>();
        for (String k : path) {
          names.add(byKey.get(k).signature().name());
        }
        found.put(start, names);
      }
    }
    return found;
  }

  /** Depth-first search from {@code at} back to {@code target}, leaving the path in {@code path}. */
  private static boolean reaches(String at, String target, Map<String, Function> byKey,
      java.util.function.Function<Callee, String> key, List<String> path, java.util.Set<String> seen) {
    for (Callee c : Calls.of(byKey.get(at))) {
      String next = key.apply(c);
      if (next.equals(at) || !byKey.containsKey(next)) {
        continue;
      }
      if (next.equals(target)) {
        path.add(next);
        return true;
      }
      if (seen.add(next)) {
        path.add(next);
        if (reaches(next, target, byKey, key, path, seen)) {
          return true;
        }
        path.remove(path.size() - 1);
      }
    }
    return false;
  }
}

package io.jgrad.processor;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Function;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spreads a property of functions to everything that calls them, directly or through others, with
 * the path of calls to where it starts ({@code caller → f, which ...}): for a javac error or a
 * limit that names why.
 */
final class CallerPaths {
  private CallerPaths() {}

  /**
   * {@code seeds} (key → path) closed over callers among {@code functions}; {@code outside} gives
   * the path of a callee compiled elsewhere that has the property, or null.
   */
  static Map<String, String> of(Collection<Function> functions, Map<String, String> seeds,
      java.util.function.Function<Callee, String> outside) {
    Map<String, String> paths = new LinkedHashMap<>(seeds);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Function f : functions) {
        Callee sig = f.signature();
        String key = sig.key();
        if (paths.containsKey(key)) {
          continue;
        }
        for (Callee callee : Calls.of(f)) {
          String path = paths.containsKey(callee.key()) ? paths.get(callee.key()) : outside.apply(callee);
          if (path != null) {
            paths.put(key, sig.name() + " → " + path);
            changed = true;
            break;
          }
        }
      }
    }
    return paths;
  }
}

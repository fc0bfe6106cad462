package io.jgrad.processor;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordSignature;
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
   * The functions among {@code functions} for which {@code seed} gives a path (key → path), and their
   * callers, each with its path of calls; {@code outside} gives the path of a callee compiled
   * elsewhere that has the property, or null.
   */
  static Map<String, String> of(Collection<Function> functions, java.util.function.Function<Function, String> seed,
      java.util.function.Function<Callee, String> outside) {
    Map<String, String> paths = new LinkedHashMap<>();
    for (Function f : functions) {
      String path = seed.apply(f);
      if (path != null) {
        paths.put(f.signature().key(), path);
      }
    }
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
            // Named as the user wrote it: a function with records is f, not its flat function f_flat.
            paths.put(key, RecordSignature.userName(sig.name()) + " → " + path);
            changed = true;
            break;
          }
        }
      }
    }
    return paths;
  }
}

package io.jgrad.processor.emit;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.TypeMapper;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code char}, {@code byte} and {@code short} parameters of the function whose methods are being
 * printed: the IR carries them as {@code int}, but every method of the function declares them as
 * the user did, so passing one on to a parameter of the same type needs no cast (javac's -Xlint
 * calls it redundant).
 */
final class NarrowParams {
  /** Per thread: compile-testing may run processors on several threads of one JVM. */
  private static final ThreadLocal<Map<String, String>> IN_SCOPE = ThreadLocal.withInitial(Map::of);

  private NarrowParams() {}

  /** Runs {@code print} with {@code sig}'s narrow parameters in scope, then restores the outer scope. */
  static void printing(Callee sig, Runnable print) {
    Map<String, String> outer = IN_SCOPE.get();
    Map<String, String> narrow = new HashMap<>();
    for (Callee.Param p : sig.params()) {
      if (p.javaType() != null && TypeMapper.NARROW_INTS.contains(p.javaType())) {
        narrow.put(p.name(), p.javaType());
      }
    }
    IN_SCOPE.set(narrow);
    try {
      print.run();
    } finally {
      IN_SCOPE.set(outer);
    }
  }

  /** Whether {@code arg} is a parameter in scope declared as {@code javaType} already. */
  static boolean declaredAs(Expr arg, String javaType) {
    return arg instanceof Expr.Var v && javaType.equals(IN_SCOPE.get().get(v.name()));
  }
}

package io.jgrad.processor.ir;

import java.util.LinkedHashSet;
import java.util.Set;

/** The static differentiable functions a function calls, found in its IR. */
public final class Calls {
  private Calls() {}

  /** The callees of {@code f}, in order of first call. */
  public static Set<Callee> of(Function f) {
    Set<Callee> out = new LinkedHashSet<>();
    Rewrite.forEach(f.body(), s -> Rewrite.operands(s).forEach(e -> collect(e, out)));
    return out;
  }

  /** Whether {@code f} calls through a function object, whose derivatives are the arriving object's. */
  public static boolean throughObjects(Function f) {
    return Rewrite.anyMatch(f.body(), s -> Rewrite.operands(s).stream()
        .anyMatch(e -> Exprs.any(e, x -> x instanceof Expr.Call c && c.callee().isFunctionObject())));
  }

  private static void collect(Expr e, Set<Callee> out) {
    // A call through a function object reaches whatever object arrives at run time: no static callee.
    if (e instanceof Expr.Call c && !c.callee().isFunctionObject()) {
      out.add(c.callee());
    }
    Exprs.children(e).forEach(child -> collect(child, out));
  }
}

package io.jgrad.processor.ir;

import java.util.LinkedHashSet;
import java.util.Set;

/** The static differentiable functions a function calls, found in its IR. */
public final class Calls {
  private Calls() {}

  /** The callees of {@code f}, in order of first call. */
  public static Set<Callee> of(Function f) {
    return callees(f, false);
  }

  /** Whether {@code f} calls through a function object, whose derivatives are the arriving object's. */
  public static boolean throughObjects(Function f) {
    return !callees(f, true).isEmpty();
  }

  /** The static callees, or with {@code objects} the calls through function objects. */
  private static Set<Callee> callees(Function f, boolean objects) {
    Set<Callee> out = new LinkedHashSet<>();
    Rewrite.forEach(f.body(), s -> Rewrite.operands(s).forEach(e -> expr(e, out, objects)));
    return out;
  }

  private static void expr(Expr e, Set<Callee> out, boolean objects) {
    // A call through a function object reaches whatever object arrives at run time: no static callee.
    if (e instanceof Expr.Call c && c.callee().isFunctionObject() == objects) {
      out.add(c.callee());
    }
    Exprs.children(e).forEach(child -> expr(child, out, objects));
  }
}

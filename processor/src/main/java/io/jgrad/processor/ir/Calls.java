package io.jgrad.processor.ir;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The static differentiable functions a function calls, found in its IR. */
public final class Calls {
  private Calls() {}

  /** The callees of {@code f}, in order of first call. */
  public static Set<Callee> of(Function f) {
    Set<Callee> out = new LinkedHashSet<>();
    stmts(f.body(), out, false);
    return out;
  }

  /** Whether {@code f} calls through a function object, whose derivatives are the arriving object's. */
  public static boolean throughObjects(Function f) {
    Set<Callee> out = new LinkedHashSet<>();
    stmts(f.body(), out, true);
    return !out.isEmpty();
  }

  /** Collects the static callees, or with {@code objects} the calls through function objects. */
  private static void stmts(List<Stmt> stmts, Set<Callee> out, boolean objects) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Assign a) {
        expr(a.value(), out, objects);
      } else if (s instanceof Stmt.ArrayWrite w) {
        expr(w.index(), out, objects);
        expr(w.value(), out, objects);
      } else if (s instanceof Stmt.If i) {
        expr(i.condition(), out, objects);
        stmts(i.thenBody(), out, objects);
        stmts(i.elseBody(), out, objects);
      } else if (s instanceof Stmt.While w) {
        expr(w.condition(), out, objects);
        stmts(w.body(), out, objects);
      } else if (s instanceof Stmt.Block b) {
        stmts(b.body(), out, objects);
      } else if (s instanceof Stmt.Return r) {
        expr(r.value(), out, objects);
      } else if (s instanceof Stmt.Effect e) {
        expr(e.call(), out, objects);
      }
    }
  }

  private static void expr(Expr e, Set<Callee> out, boolean objects) {
    // A call through a function object reaches whatever object arrives at run time: no static callee.
    if (e instanceof Expr.Call c && c.callee().isFunctionObject() == objects) {
      out.add(c.callee());
    }
    Exprs.children(e).forEach(child -> expr(child, out, objects));
  }
}

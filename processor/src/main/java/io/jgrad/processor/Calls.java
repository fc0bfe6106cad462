package io.jgrad.processor;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Stmt;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The static differentiable functions a function calls, found in its IR. */
public final class Calls {
  private Calls() {}

  /** The callees of {@code f}, in order of first call. */
  public static Set<Callee> of(Function f) {
    Set<Callee> out = new LinkedHashSet<>();
    stmts(f.body(), out);
    return out;
  }

  private static void stmts(List<Stmt> stmts, Set<Callee> out) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Assign a) {
        expr(a.value(), out);
      } else if (s instanceof Stmt.ArrayWrite w) {
        expr(w.index(), out);
        expr(w.value(), out);
      } else if (s instanceof Stmt.If i) {
        expr(i.condition(), out);
        stmts(i.thenBody(), out);
        stmts(i.elseBody(), out);
      } else if (s instanceof Stmt.While w) {
        expr(w.condition(), out);
        stmts(w.body(), out);
      } else if (s instanceof Stmt.Block b) {
        stmts(b.body(), out);
      } else if (s instanceof Stmt.Return r) {
        expr(r.value(), out);
      } else if (s instanceof Stmt.Effect e) {
        expr(e.call(), out);
      }
    }
  }

  private static void expr(Expr e, Set<Callee> out) {
    // A call through a function object reaches whatever object arrives at run time: no static callee.
    if (e instanceof Expr.Call c && !c.callee().isFunctionObject()) {
      out.add(c.callee());
    }
    io.jgrad.processor.ir.Exprs.children(e).forEach(child -> expr(child, out));
  }
}

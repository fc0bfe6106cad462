package io.jgrad.processor.check;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.transform.Activity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;

/**
 * Reports, at the call, a differentiated value passed to a callee's parameter that the callee is not
 * differentiated with respect to: its derivative would be silently lost.
 */
public final class CallArgumentChecker {
  private CallArgumentChecker() {}

  /** Checks every call of {@code body}, whose differentiated parameters are {@code wrt}. */
  public static void check(List<Stmt> body, List<Callee.Param> wrt, Map<Expr, Tree> positions, Report report,
      CompilationUnitTree unit, Element method) {
    Set<String> active = Activity.of(body, wrt);
    Visitor v = new Visitor(active, positions, report, unit, method);
    body.forEach(v::stmt);
  }

  private record Visitor(Set<String> active, Map<Expr, Tree> positions, Report report,
      CompilationUnitTree unit, Element method) {
    void stmt(Stmt s) {
      if (s instanceof Stmt.Assign a) {
        expr(a.value());
      } else if (s instanceof Stmt.If f) {
        expr(f.condition());
        f.thenBody().forEach(this::stmt);
        f.elseBody().forEach(this::stmt);
      } else if (s instanceof Stmt.While w) {
        expr(w.condition());
        w.body().forEach(this::stmt);
      } else if (s instanceof Stmt.Block b) {
        b.body().forEach(this::stmt);
      } else if (s instanceof Stmt.Return r && r.value() != null) {
        expr(r.value());
      }
    }

    void expr(Expr e) {
      if (e instanceof Expr.Call c) {
        List<Callee.Param> params = c.callee().params();
        for (int i = 0; i < params.size(); i++) {
          Callee.Param p = params.get(i);
          Expr arg = c.args().get(i);
          if (!p.differentiated() && p.type() != null && p.type().isDifferentiable() && dependsOnActive(arg)) {
            String message = "the argument for " + p.name() + " depends on differentiated values, but "
                + c.callee().name() + " is not differentiated with respect to " + p.name()
                + ", so that derivative would be lost; hint: add \"" + p.name() + "\" to wrt of "
                + c.callee().name() + ", or drop @NonDiff";
            Tree at = positions.get(arg) != null ? positions.get(arg) : positions.get(c);
            if (at != null) {
              report.error(Codes.NOT_DIFFERENTIATED, message, at, unit);
            } else {
              report.error(Codes.NOT_DIFFERENTIATED, message, method);
            }
          }
          expr(arg);
        }
      } else if (e instanceof Expr.Prim p) {
        p.args().forEach(this::expr);
      } else if (e instanceof Expr.Binary b) {
        expr(b.left());
        expr(b.right());
      } else if (e instanceof Expr.Unary u) {
        expr(u.operand());
      } else if (e instanceof Expr.Cast c) {
        expr(c.operand());
      } else if (e instanceof Expr.Conditional c) {
        expr(c.condition());
        expr(c.ifTrue());
        expr(c.ifFalse());
      } else if (e instanceof Expr.PrimalCall c) {
        c.args().forEach(this::expr);
      }
    }

    private boolean dependsOnActive(Expr e) {
      if (e instanceof Expr.Var v) {
        return active.contains(v.name());
      }
      if (e instanceof Expr.Prim p) {
        return p.args().stream().anyMatch(this::dependsOnActive);
      }
      if (e instanceof Expr.Cast c) {
        return c.operand().type().isDifferentiable() && dependsOnActive(c.operand());
      }
      if (e instanceof Expr.Conditional c) {
        return dependsOnActive(c.ifTrue()) || dependsOnActive(c.ifFalse());
      }
      if (e instanceof Expr.Call c) {
        return c.args().stream().anyMatch(this::dependsOnActive);
      }
      if (e instanceof Expr.ArrayRead r) {
        return dependsOnActive(r.array());
      }
      return false;
    }
  }
}

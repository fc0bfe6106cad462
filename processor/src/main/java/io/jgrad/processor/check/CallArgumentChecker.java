package io.jgrad.processor.check;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;

/**
 * Reports, at the argument, a differentiated value whose derivative would be silently lost: passed
 * to a callee's parameter outside its {@code wrt} ({@code [jgrad.NotDifferentiated]}) or held
 * constant by {@code @NonDiff} ({@code [jgrad.NonDiffArgument]}), or to an opaque function object
 * such as a {@code DoubleUnaryOperator} parameter ({@code [jgrad.NotDifferentiable]}).
 */
public final class CallArgumentChecker {
  private CallArgumentChecker() {}

  /** Checks every call of {@code body}, whose differentiated parameters are {@code wrt}. */
  public static void check(List<Stmt> body, List<Callee.Param> wrt, Map<Expr, Tree> positions, Report report,
      CompilationUnitTree unit, Element method) {
    Rewrite.forEach(body, new Visitor(Activity.of(body, wrt), positions, report, unit, method)::stmt);
  }

  private record Visitor(Set<String> active, Map<Expr, Tree> positions, Report report,
      CompilationUnitTree unit, Element method) {
    void stmt(Stmt s) {
      if (s instanceof Stmt.Effect e) {
        // The call's value is dropped: no derivative can be lost through it, only through its arguments.
        e.call().args().forEach(this::expr);
      } else {
        Rewrite.operands(s).forEach(this::expr);
      }
    }

    void expr(Expr e) {
      if (e instanceof Expr.Call c) {
        List<Callee.Param> params = c.callee().params();
        for (int i = 0; i < params.size(); i++) {
          Callee.Param p = params.get(i);
          Expr arg = c.args().get(i);
          if (!p.differentiated() && p.type() != null && p.type().isDifferentiable() && dependsOnActive(arg)) {
            if (p.heldConstant()) {
              // JAX's notebook: "If JAX detects that an argument indicated by nondiff_argnums contains a
              // JAX Tracer, then an error is raised" - here at compile time, at the argument.
              error(Codes.NON_DIFF_ARGUMENT, "the argument for " + p.name() + " depends on differentiated"
                  + " values, but " + p.name() + " is @NonDiff in " + c.callee().name() + ", so its"
                  + " derivative would be lost; hint: pass a value that does not depend on the"
                  + " differentiated parameters, or drop @NonDiff from " + p.name(), arg, c);
            } else {
              error(Codes.NOT_DIFFERENTIATED, "the argument for " + p.name() + " depends on differentiated"
                  + " values, but " + c.callee().name() + " is not differentiated with respect to " + p.name()
                  + ", so that derivative would be lost; hint: add \"" + p.name() + "\" to wrt of "
                  + c.callee().name(), arg, c);
            }
          }
          expr(arg);
        }
      } else if (e instanceof Expr.Prim || e instanceof Expr.Binary || e instanceof Expr.Unary
          || e instanceof Expr.Cast || e instanceof Expr.Conditional) {
        Exprs.children(e).forEach(this::expr);
      } else if (e instanceof Expr.PrimalCall c) {
        // Only a call on a non-differentiable parameter can return a double here (a static helper
        // that does is rejected while parsing): an opaque function such as a DoubleUnaryOperator.
        if (c.type().isDifferentiable()) {
          for (Expr arg : c.args()) {
            if (dependsOnActive(arg)) {
              error(Codes.NOT_DIFFERENTIABLE, c.receiver() + "." + c.method() + " is not differentiable:"
                  + " jgrad cannot see inside " + c.receiver() + ", so the derivative through this argument"
                  + " would be lost; hint: take a DiffFn1/DiffFn2 parameter and pass a generated function"
                  + " object (XDerivatives.f()), or give this function a @CustomJvp rule that receives "
                  + c.receiver(), arg, c);
            }
          }
        }
        c.args().forEach(this::expr);
      }
    }

    private void error(String code, String message, Expr arg, Expr call) {
      Tree at = positions.get(arg) != null ? positions.get(arg) : positions.get(call);
      report.error(code, message, at, unit, method);
    }

    private boolean dependsOnActive(Expr e) {
      if (e instanceof Expr.Var v) {
        return active.contains(v.name());
      }
      if (e instanceof Expr.Cast c) {
        return c.operand().type().isDifferentiable() && dependsOnActive(c.operand());
      }
      if (e instanceof Expr.Conditional c) {
        return dependsOnActive(c.ifTrue()) || dependsOnActive(c.ifFalse());
      }
      if (e instanceof Expr.ArrayRead r) {
        return dependsOnActive(r.array());
      }
      // A call's arguments: those of an opaque function only when it returns a number.
      return (e instanceof Expr.Prim || e instanceof Expr.Call
          || e instanceof Expr.PrimalCall c && c.type().isDifferentiable())
          && Exprs.children(e).stream().anyMatch(this::dependsOnActive);
    }
  }
}

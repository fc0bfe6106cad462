package io.jgrad.processor.check;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;

/**
 * Checks that a custom JVP rule's output tangent is linear in its input tangents, so that reverse
 * mode can transpose it: tangents may only be added, negated, scaled by primal values, divided by
 * primal values and cast, or passed to a function that is provably linear in them
 * ({@link LinearCallees}). JAX finds a non-linear rule only when it transposes it at run time.
 */
public final class LinearityChecker {
  private LinearityChecker() {}

  /**
   * Reports every place where {@code body} uses a local of {@code linear} non-linearly; a call may
   * receive such a local where {@code callees} says it is linear in that argument.
   */
  public static void check(List<Stmt> body, Set<String> linear, Map<Expr, Tree> positions, Report report,
      CompilationUnitTree unit, Element rule, LinearCallees callees) {
    new Checker(linear, positions, report, unit, rule, callees).stmts(body);
  }

  private record Checker(Set<String> linear, Map<Expr, Tree> positions, Report report, CompilationUnitTree unit,
      Element rule, LinearCallees callees) {
    private void stmts(List<Stmt> body) {
      Rewrite.forEach(body, s -> {
        if (s instanceof Stmt.Assign a) {
          lin(a.value());
        } else if (s instanceof Stmt.ArrayWrite w) {
          primalOnly(w.index(), "indexes an array with a tangent");
          lin(w.value());
        } else if (s instanceof Stmt.If f) {
          primalOnly(f.condition(), "branches on a tangent");
        } else if (s instanceof Stmt.While w) {
          primalOnly(w.condition(), "loops on a tangent");
        } else if (s instanceof Stmt.Effect e) {
          primalOnly(e.call(), "passes a tangent to a call");
        } else if (s instanceof Stmt.Return r && r.value() instanceof Expr.Pair p) {
          primalOnly(p.value(), "computes the primal value from a tangent");
          lin(p.tangent());
        } else if (s instanceof Stmt.Return r && r.value() != null) {
          lin(r.value());
        }
      });
    }

    private void primalOnly(Expr e, String what) {
      if (lin(e)) {
        error(e, "this rule " + what + ", so its output tangent is not linear in the input tangents"
            + " and reverse mode cannot transpose it");
      }
    }

    /** Whether {@code e} depends on the tangents; reports a non-linear use. */
    private boolean lin(Expr e) {
      if (e instanceof Expr.Var v) {
        return linear.contains(v.name());
      }
      if (e instanceof Expr.Prim p) {
        Primitive prim = p.primitive();
        boolean a = lin(p.args().get(0));
        boolean b = p.args().size() > 1 && lin(p.args().get(1));
        switch (prim) {
          case ADD, SUB -> {
            if (a != b && !Exprs.isZero(a ? p.args().get(1) : p.args().get(0))) {
              error(e, "adding a value that does not depend on the tangents to one that does makes the"
                  + " output tangent affine, not linear");
            }
            return a || b;
          }
          case NEG -> {
            return a;
          }
          case MUL -> {
            if (a && b) {
              error(e, "a product of two tangents is not linear in the tangents");
            }
            return a || b;
          }
          case DIV -> {
            if (b) {
              error(e, "dividing by a tangent is not linear in the tangents");
            }
            return a;
          }
          default -> {
            if (a || b) {
              error(e, "Math." + prim.javaName() + " of a tangent is not linear in the tangents");
            }
            return false;
          }
        }
      }
      if (e instanceof Expr.Cast c) {
        boolean l = lin(c.operand());
        if (l && !c.type().isScalar()) {
          error(e, "converting a tangent to " + c.type().javaName() + " is not linear");
        }
        return l;
      }
      if (e instanceof Expr.Conditional c) {
        primalOnly(c.condition(), "branches on a tangent");
        boolean a = lin(c.ifTrue());
        boolean b = lin(c.ifFalse());
        if (a != b && !Exprs.isZero(a ? c.ifFalse() : c.ifTrue())) {
          error(e, "one branch depends on the tangents and the other is not zero: not linear");
        }
        return a || b;
      }
      if (e instanceof Expr.ArrayRead r) {
        primalOnly(r.index(), "indexes an array with a tangent");
        return lin(r.array());
      }
      if (e instanceof Expr.Call c) {
        Set<Integer> tangentArgs = new TreeSet<>();
        for (int i = 0; i < c.args().size(); i++) {
          if (lin(c.args().get(i))) {
            tangentArgs.add(i);
          }
        }
        if (tangentArgs.isEmpty()) {
          return false;
        }
        if (callees.linearIn(c, positions.get(e), unit, tangentArgs)) {
          return true;
        }
        error(e, "passing a tangent to " + c.callee().name() + " is not linear in the tangents;"
            + " hint: call it on primal values and multiply its derivative by the tangent, or make it a"
            + " @Differentiable function whose body is linear in that parameter");
        return false;
      }
      if (e instanceof Expr.PrimalCall c) {
        if (c.args().stream().anyMatch(this::lin)) {
          error(e, "passing a tangent to " + c.method() + " is not linear in the tangents");
        }
        return false;
      }
      if (e instanceof Expr.Binary b) {
        if (lin(b.left()) | lin(b.right())) {
          error(e, "comparing or combining a tangent with " + b.op().symbol + " is not linear");
        }
        return false;
      }
      if (e instanceof Expr.Unary u) {
        lin(u.operand());
      }
      if (e instanceof Expr.RecordValue r) {
        // A record result's value or tangent: each leaf checked.
        return r.leaves().stream().map(this::lin).reduce(false, Boolean::logicalOr);
      }
      return false;
    }

    private void error(Expr at, String message) {
      report.error(Codes.NON_LINEAR_TANGENT, message, positions.get(at), unit, rule);
    }
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The body of {@code fRulePrimal} ({@link io.jgrad.processor.ir.Callee#secondOrderPrimal}): the output
 * of a function as the inner derivative of {@code grad(grad(g))} computes it, each custom rule
 * replaced by its body. Second derivatives differentiate it as written (JAX traces a rule's body
 * once), so a rule applies again only where its body calls its function: a rule computing
 * {@code Math.sin(x)} itself contributes {@code cos(x)}, not its own tangent, to the outer derivative.
 */
public final class RulePrimal {
  private RulePrimal() {}

  /**
   * The body of {@code f}'s {@code fRulePrimal}. Of a rule, its body as written, its primal part:
   * {@code return Dual.of(v, t)} becomes {@code return v}, and what writes the locals that depend on the
   * tangents ({@link io.jgrad.processor.ir.Function.JvpRule#linear}) is left out: the split reverse mode
   * makes when it transposes the rule. The primal output never reads them, which the linearity check
   * ensures. Else its own body, each call reading its callee's output through {@code fRulePrimal} where
   * it has one, or through a function object's {@code rulePrimal()}.
   */
  public static List<Stmt> of(io.jgrad.processor.ir.Function f) {
    if (f instanceof io.jgrad.processor.ir.Function.JvpRule rule) {
      // The loops that wrote only tangents are left counting: dropped with them.
      return DeadLoops.drop(returning(rule.body(), Expr.Pair::value, rule.linear()), Set.of());
    }
    if (f instanceof io.jgrad.processor.ir.Function.JvpsRules rules) {
      return of(rules.asOneRule());
    }
    return Rewrite.stmts(f.body(), e -> e instanceof Expr.Call c
        ? new Expr.Call(SecondOrder.output(c.callee()), c.args(), c.type()) : e);
  }

  /**
   * The rule's body returning {@code part} of each {@code Dual.of(v, t)} it returns, without the
   * statements that write the locals {@code dropped} names: the one walk behind the rule's primal
   * part and its tangent part (order 2 of a rule, {@link Derivation}).
   */
  static List<Stmt> returning(List<Stmt> rule, Function<Expr.Pair, Expr> part, Set<String> dropped) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : rule) {
      Expr.Var written = s instanceof Stmt.Assign a ? a.target()
          : s instanceof Stmt.Declare d ? d.target()
          : s instanceof Stmt.ArrayWrite w ? w.array() : null;
      if (s instanceof Stmt.Return r && r.value() instanceof Expr.Pair p) {
        out.add(new Stmt.Return(part.apply(p)));
      } else if (written == null || !dropped.contains(written.name())) {
        out.add(Rewrite.withBodies(s, inner -> returning(inner, part, dropped)));
      }
    }
    return out;
  }
}

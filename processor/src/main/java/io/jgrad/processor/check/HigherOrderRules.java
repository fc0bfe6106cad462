package io.jgrad.processor.check;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code jvp} rules that order 3 and above can differentiate with JAX's semantics. Callers read a
 * rule's output through its rule primal at every order above the first; that is exact when the
 * rule's body calls no function that has or reaches a rule, or calls only its own function and
 * returns that call as its value (the rule then applies at every order). A body calling another
 * rule's function would need the primal of that rule's primal at each order, which is not built yet.
 */
final class HigherOrderRules {
  private HigherOrderRules() {}

  /** Why {@code rule} cannot have derivatives of {@code order} (above 2), or empty. */
  static Optional<String> unsupported(Function.JvpRule rule, int order) {
    Callee self = rule.signature();
    String o = "order " + order;
    if (Calls.throughObjects(rule)) {
      return Optional.of(o + " of a @CustomJvp rule that calls a function object is not supported yet; hint: give "
          + self.name() + " order = 2");
    }
    for (Callee c : Calls.of(rule)) {
      if (c.rulePrimal() && !c.key().equals(self.key())) {
        return Optional.of(o + " of a @CustomJvp rule whose body calls " + c.name() + ", which has or reaches a"
            + " custom rule, is not supported yet; hint: call only " + self.name() + " itself or functions"
            + " without rules in the rule's body, or give " + self.name() + " order = 2");
      }
      if (c.order() < order - 1) {
        // The rule's body is differentiated order - 1 times, through its callees' tangent functions.
        return Optional.of(o + " of a @CustomJvp rule whose body calls " + c.name() + ", which has order "
            + c.order() + "; hint: give " + c.name() + " order = " + (order - 1));
      }
    }
    boolean callsItself = Calls.of(rule).stream().anyMatch(c -> c.key().equals(self.key()));
    if (callsItself && !returnedValues(rule.body()).stream().allMatch(v -> isPrimalCall(v, self)
        || v instanceof Expr.Var local && onlyAssignment(rule.body(), local).filter(e -> isPrimalCall(e, self))
            .isPresent())) {
      return Optional.of(o + " of a @CustomJvp rule that calls " + self.name() + " is supported when its value is"
          + " that call (or a local holding it), Dual.of(" + self.name() + "(" + String.join(", ", self.paramNames())
          + "), ...); hint: return that value, or give " + self.name() + " order = 2");
    }
    return Optional.empty();
  }

  /** Whether {@code e} is {@code f(params...)}, the call of {@code self} with its own parameters. */
  private static boolean isPrimalCall(Expr e, Callee self) {
    return e instanceof Expr.Call c && c.callee().key().equals(self.key()) && c.args().equals(self.paramVars());
  }

  /** What {@code local} is assigned where the body assigns it exactly once ({@code double ans = f(x);}). */
  private static Optional<Expr> onlyAssignment(List<Stmt> body, Expr.Var local) {
    List<Stmt> writes = new ArrayList<>();
    Rewrite.forEach(body, s -> {
      if (Rewrite.assigned(s).stream().anyMatch(v -> v.name().equals(local.name()))) {
        writes.add(s);
      }
    });
    return writes.size() == 1 && writes.get(0) instanceof Stmt.Assign a ? Optional.of(a.value()) : Optional.empty();
  }

  /** The value parts of the {@code Dual.of(value, tangent)} the rule's body returns. */
  private static List<Expr> returnedValues(List<Stmt> body) {
    List<Expr> out = new ArrayList<>();
    Rewrite.forEach(body, s -> {
      if (s instanceof Stmt.Return r && r.value() instanceof Expr.Pair p) {
        out.add(p.value());
      }
    });
    return out;
  }
}

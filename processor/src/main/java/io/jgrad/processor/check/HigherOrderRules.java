package io.jgrad.processor.check;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code jvp} rules that order 3 and above can differentiate with JAX's semantics. Callers read a
 * rule's output through its rule primal at every order above the first; a rule's body that calls its
 * own function returns that call as its value (the rule then applies at every order). A rule's body
 * may call another rule's function G (whose rule calls none): its own derivatives apply G's rule once,
 * at the order above the rule's, and differentiate G's body above that. Its callers above order 2
 * read the rule's tangent at one order and differentiate it at a later one, after G's rule has
 * applied: through the rule primal of its tangent function ({@code fTangentRulePrimal}); a rule whose
 * body calls such a function (a third level of rules) is refused.
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
      if (!c.key().equals(self.key()) && c.deeperRulePrimals() > 0) {
        return Optional.of(throughNestedRules(c, order));
      }
      if (c.order() < order - 1) {
        // The rule's body is differentiated order - 1 times, through its callees' tangent functions.
        return Optional.of(o + " of a @CustomJvp rule whose body calls " + c.name() + ", which has order "
            + c.order() + "; hint: give " + c.name() + " order = " + (order - 1));
      }
    }
    boolean callsItself = Calls.of(rule).stream().anyMatch(c -> c.key().equals(self.key()));
    if (callsItself && self.recordResult() != null) {
      // Its value is read leaf by leaf from the call, which the check below does not follow.
      String name = RecordSignature.userName(self.name());
      return Optional.of(o + " of a @CustomJvp rule with a record result that calls " + name + " is not supported"
          + " yet; hint: compute the value in the rule (new ...(...)), or give " + name + " order = 2");
    }
    if (callsItself && !returnedValues(rule.body()).stream().allMatch(v -> isPrimalCall(v, self)
        || v instanceof Expr.Var local && onlyAssignment(rule.body(), local).filter(e -> isPrimalCall(e, self))
            .isPresent())) {
      return Optional.of(o + " of a @CustomJvp rule that calls " + self.name() + " is supported when its value is"
          + " that call (or a local holding it), Dual.of(" + self.name() + "(" + String.join(", ", self.paramNames())
          + "), ...); hint: return that value, or give " + self.name() + " order = 2");
    }
    return Optional.empty();
  }

  /**
   * Why {@code order} (above 2) cannot go through a call of {@code g}, a rule whose body calls another
   * function with a rule, or a function that reaches one: the rule's tangent, read one order and
   * differentiated two orders later, would apply the inner rule where JAX differentiates its body.
   */
  static String throughNestedRules(Callee g, int order) {
    return "order " + order + " through a call to " + g.name() + ", which has or reaches a @CustomJvp rule whose"
        + " body calls another function with a custom rule, is not supported yet; hint: give the caller order = 2,"
        + " or call only functions without rules in that rule's body";
  }

  /**
   * Why a caller of {@code order} (above 2) cannot read {@code g}, which has or reaches a rule whose
   * body calls another rule's function, where {@link #readsNestedRules} says it cannot.
   */
  static String callerOfNestedRules(Callee g, int order) {
    return "order " + order + " through a call to " + g.name() + ", which has or reaches a @CustomJvp rule whose"
        + " body calls another function with a custom rule, is supported above order 2 only for a function of"
        + " doubles compiled with its caller; hint: give the caller order = 2, or make " + g.name()
        + " a function of doubles";
  }

  /**
   * Whether a caller above order 2 can read {@code g}, which has or reaches a rule whose body calls
   * another rule's function: through its tangent function's rule primal, which its generated class has
   * where it is a function of doubles of this compilation (a compiled one may predate it).
   */
  static boolean readsNestedRules(Callee g, java.util.function.Function<Callee, Function> bodies) {
    return g.deeperRulePrimals() == 1 && g.doublesOnly() && g.recordResult() == null
        && RecordSignature.userName(g.name()).equals(g.name()) && bodies.apply(g) != null;
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

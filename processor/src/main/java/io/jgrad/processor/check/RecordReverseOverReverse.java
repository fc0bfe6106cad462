package io.jgrad.processor.check;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Type;
import java.util.Optional;

/**
 * What reverse over reverse cannot reach yet for a function with records in its signature that has
 * or reaches a {@code @CustomVjp} rule: it goes through the pullback functions of its flat function,
 * at order 2 (a rule's with a record result take the cotangent leaf by leaf), and above order 2 for
 * a number result of double leaves (pullback functions of pullback functions).
 */
final class RecordReverseOverReverse {
  private RecordReverseOverReverse() {}

  /** Why the flat function {@code f} cannot have derivatives of {@code order}, or empty. */
  static Optional<String> unsupported(Function f, int order) {
    String o = "order " + order;
    String hint = "; hint: give it order = 1 or 2, or write the rule as a @CustomJvp rule";
    if (f.signature().recordResult() != null && !(f instanceof Function.VjpRule) && !plainRecordResult(f, order)) {
      Optional<Callee.Param> held = order == 2 && f instanceof Function.Plain ? f.signature().params().stream()
          .filter(p -> !(p.type() == Type.DOUBLE && p.differentiated())).findFirst() : Optional.empty();
      if (held.isPresent()) {
        // Name what keeps it out: every parameter may look like a double, and one is held constant.
        Callee.Param p = held.get();
        boolean number = p.type() == Type.DOUBLE;
        String what = number ? "is not differentiated (@NonDiff, or outside wrt)"
            : p.type().isArray() ? "is an array" : "is " + (p.type() == Type.INT ? "an " : "a ") + p.type().javaName();
        return Optional.of(o + " of a function with a record result that reaches a @CustomVjp rule is supported"
            + " where every parameter is a differentiated double, and its parameter " + p.name() + " " + what
            + "; hint: " + (number ? "differentiate " + p.name() + " too, or give it order = 1"
                : "give it order = 1, or return a number"));
      }
      return Optional.of(o + " of a function with a record result that reaches a @CustomVjp rule is supported at"
          + " order 2 for a plain body of double parameters and a record of doubles as result only; hint: give"
          + " it order = 1, or return a number");
    }
    if (f instanceof Function.VjpRule && f.signature().recordResult() != null && order == 2
        && !recordResultRule(f, order)) {
      return Optional.of(o + " of a @CustomVjp rule with a record result is supported over double leaves and a"
          + " record of doubles only; hint: give it order = 1, or write the rule as a @CustomJvp rule");
    }
    if (order > 2 && f.signature().recordResult() != null) {
      return Optional.of(o + " of a function with records that has or reaches a @CustomVjp rule is not supported"
          + " yet above order 2 for a record result" + hint + ", or return a number");
    }
    if (order > 2 && !f.signature().differentiatedParams().stream().allMatch(p -> p.type() == Type.DOUBLE)) {
      // Above order 2 fDerivative goes through the flat function's nested pullback functions of numbers.
      return Optional.of(o + " of a function with records that has or reaches a @CustomVjp rule is not supported"
          + " yet above order 2 for a record with an array or float component" + hint);
    }
    return Optional.empty();
  }

  /**
   * Whether {@code f} is a plain flat function with a record result of doubles that reaches a rule,
   * whose pullback functions at {@code order} 2 take the result's cotangent leaf by leaf (ReverseBody):
   * double parameters (loops and local arrays keep their tape in local arrays, ArrayTapeBody).
   */
  static boolean plainRecordResult(Function f, int order) {
    Callee sig = f.signature();
    return order == 2 && f instanceof Function.Plain && sig.recordResult() != null
        && sig.params().stream().allMatch(p -> p.type() == Type.DOUBLE && p.differentiated())
        && sig.recordResult().shape().leaves().stream().allMatch(l -> l.type() == Type.DOUBLE && l.differentiable());
  }

  /**
   * Whether a caller of {@code order} without forward mode goes through a call of {@code g}, a
   * {@code @CustomVjp} rule with a record result of this compilation ({@code bodies}) whose pullback
   * functions were built, of order 2 or more, reverse over reverse at order 2.
   */
  static boolean throughRecordResultRule(Callee g, int order, boolean forward,
      java.util.function.Function<Callee, Function> bodies) {
    return !forward && order == 2 && g.order() >= 2 && recordResultRule(bodies.apply(g), 2);
  }

  /**
   * Whether {@code f} is a {@code @CustomVjp} rule with a record result whose passes were read leaf by
   * leaf at {@code order} 2: its pullback functions take the result's cotangent leaf by leaf, so that
   * the checks of a number result do not apply.
   */
  static boolean recordResultRule(Function f, int order) {
    return order == 2 && f instanceof Function.VjpRule rule && f.signature().recordResult() != null
        && !rule.pullbacks().isEmpty();
  }
}

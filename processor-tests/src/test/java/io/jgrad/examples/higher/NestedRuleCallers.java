package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/**
 * Callers of order 3 and 4 of a @CustomJvp rule whose body calls another rule's function: the outer
 * rule applies at the first order, the inner one at the second, and from the third order on both
 * rules' outputs are differentiated as written (JAX's semantics for nested custom_jvp functions).
 */
final class NestedRuleCallers {
  private NestedRuleCallers() {}

  /** sin whose rule gives 2cos(x) and does not call g: applied once, its body differentiated above. */
  @CustomJvp(jvp = "gJvp", order = 4)
  static double g(double x) {
    return Math.sin(x);
  }

  static Dual gJvp(double x, double xDot) {
    return Dual.of(Math.sin(x), 2 * Math.cos(x) * xDot);
  }

  /** A rule calling g in its value and its tangent: r' = 3g(x). */
  @CustomJvp(jvp = "rJvp", order = 4)
  static double r(double x) {
    return x * Math.sin(x);
  }

  static Dual rJvp(double x, double xDot) {
    return Dual.of(x * g(x), 3 * g(x) * xDot);
  }

  /** r² at order 3. */
  @Differentiable(order = 3)
  static double square3(double x) {
    return r(x) * r(x);
  }

  /** r² at order 4. */
  @Differentiable(order = 4)
  static double square4(double x) {
    return r(x) * r(x);
  }

  /** r(x²) at order 3: the rule's tangent read at x², whose own derivatives are not zero. */
  @Differentiable(order = 3)
  static double ofSquare3(double x) {
    return r(x * x);
  }

  /** r(x²) at order 4. */
  @Differentiable(order = 4)
  static double ofSquare4(double x) {
    return r(x * x);
  }

  /** A plain function reaching the rule, at order 4: x·r(x). */
  @Differentiable(order = 4)
  static double times(double x) {
    return x * r(x);
  }

  /** A caller of order 3 of the plain function reaching the rule: (x·r(x))². */
  @Differentiable(order = 3)
  static double timesSquared(double x) {
    return times(x) * times(x);
  }
}

package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/**
 * A @CustomJvp rule whose body calls another rule's function, at order 3 and 4: the inner rule
 * applies once, at the order above the outer rule's, and its body is differentiated as written above
 * that (JAX's semantics for custom_jvp functions calling custom_jvp functions in their rules).
 */
final class NestedRulesAtHigherOrder {
  private NestedRulesAtHigherOrder() {}

  /** sin whose rule gives 2cos(x) and does not call g: applied once, its body differentiated above. */
  @CustomJvp(jvp = "gJvp", order = 4)
  static double g(double x) {
    return Math.sin(x);
  }

  static Dual gJvp(double x, double xDot) {
    return Dual.of(Math.sin(x), 2 * Math.cos(x) * xDot);
  }

  /** A rule calling g in its value and its tangent: r' = 3g(x), so r'' = 6cos(x) through g's rule. */
  @CustomJvp(jvp = "rJvp", order = 4)
  static double r(double x) {
    return x * Math.sin(x);
  }

  static Dual rJvp(double x, double xDot) {
    return Dual.of(x * g(x), 3 * g(x) * xDot);
  }

  /** The same rule at order 3. */
  @CustomJvp(jvp = "r3Jvp", order = 3)
  static double r3(double x) {
    return x * Math.sin(x);
  }

  static Dual r3Jvp(double x, double xDot) {
    return Dual.of(x * g(x), 3 * g(x) * xDot);
  }

  /** A caller of order 2: r's value x·g(x) and tangent 3g(x), each differentiated through g's rule. */
  @Differentiable(order = 2)
  static double square(double x) {
    return r(x) * r(x);
  }
}

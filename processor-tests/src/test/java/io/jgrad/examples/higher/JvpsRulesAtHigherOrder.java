package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;

/**
 * {@code jvps} rules (JAX's defjvps) at orders 2 and 3, with tangents that differ from the true
 * derivative of the value so that JAX's semantics show: the rules are read as one jvp rule whose
 * value is {@code ans = f(p...)} and whose tangent is the sum of the rules, differentiated as written
 * above the first order, where {@code ans} goes through the rules again.
 */
final class JvpsRulesAtHigherOrder {
  private JvpsRulesAtHigherOrder() {}

  /** sin(x)·y with the x rule doubled (2 cos x · y) and the y rule 3·ans. */
  @CustomJvp(jvps = {"skewedJvpX", "skewedJvpY"}, order = 3)
  static double skewed(double x, double y) {
    return Math.sin(x) * y;
  }

  static double skewedJvpX(double xDot, double ans, double x, double y) {
    return 2 * Math.cos(x) * y * xDot;
  }

  static double skewedJvpY(double yDot, double ans, double x, double y) {
    return 3 * ans * yDot;
  }

  /** The same rules at order 2, whose fDerivative is the second directional derivative. */
  @CustomJvp(jvps = {"skewedJvpX", "skewedJvpY"}, order = 2)
  static double skewedTwice(double x, double y) {
    return Math.sin(x) * y;
  }

  /** One rule, "" for zero: x² y whose y tangent is dropped, and whose x rule is x·y·t (half the truth). */
  @CustomJvp(jvps = {"halfJvpX", ""}, order = 2)
  static double half(double x, double y) {
    return x * x * y;
  }

  static double halfJvpX(double t, double ans, double x, double y) {
    double xy = x * y;
    return xy * t;
  }

  /** A caller of order 2 goes through skewed's rules at both orders. */
  @Differentiable(order = 2)
  static double callsSkewed(double x) {
    return skewed(x, x * x);
  }
}

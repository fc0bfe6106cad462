package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/**
 * Rules that pass a tangent to a function provably linear in it (JAX's {@code f(x), f(x_dot)}), in
 * {@code jvps} rules and at orders 2 and 3: higher orders differentiate the call as written, through
 * the linear callee's own derivatives.
 */
final class LinearCalleeRulesAtHigherOrder {
  private LinearCalleeRulesAtHigherOrder() {}

  /** Linear in {@code v} for a fixed {@code k}: 3·k·v. */
  @Differentiable(order = 3)
  static double scale3(double v, double k) {
    return 3 * k * v;
  }

  /** x³ whose rule's tangent is scale3(ẋ, x) = 3x·ẋ, not 3x²·ẋ: the rule decides at every order. */
  @CustomJvp(jvp = "cubedJvp", order = 3)
  static double cubed(double x) {
    return x * x * x;
  }

  static Dual cubedJvp(double x, double xDot) {
    return Dual.of(cubed(x), scale3(xDot, x));
  }

  /** scale3 at order 1: an order-2 rule differentiates the call through its forward mode. */
  @Differentiable
  static double scaleOnce(double v, double k) {
    return 3 * k * v;
  }

  /** cubed at order 2 through the order-1 callee. */
  @CustomJvp(jvp = "cubedTwiceJvp", order = 2)
  static double cubedTwice(double x) {
    return x * x * x;
  }

  static Dual cubedTwiceJvp(double x, double xDot) {
    return Dual.of(cubedTwice(x), scaleOnce(xDot, x));
  }

  /** sin(x)·y with per-parameter rules through the linear callee: Tx = 3y·cos x, Ty = 3·ans. */
  @CustomJvp(jvps = {"sinTimesJvpX", "sinTimesJvpY"}, order = 2)
  static double sinTimes(double x, double y) {
    return Math.sin(x) * y;
  }

  static double sinTimesJvpX(double t, double ans, double x, double y) {
    return scale3(t, y * Math.cos(x));
  }

  static double sinTimesJvpY(double t, double ans, double x, double y) {
    return scale3(t, ans);
  }

  /** The same jvps rules at order 1. */
  @CustomJvp(jvps = {"sinTimesJvpX", "sinTimesJvpY"})
  static double sinTimesOnce(double x, double y) {
    return Math.sin(x) * y;
  }
}

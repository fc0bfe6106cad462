package io.jgrad.examples.compose;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * Differentiable functions that read the Hessian of functions reaching a {@code @CustomVjp} rule
 * (reverse mode only): their derivatives are third derivatives of those functions, reverse over
 * reverse over reverse through the rules as JAX applies them.
 */
final class ReverseOnlyHessianCalls {
  private ReverseOnlyHessianCalls() {}

  /** sin with its cosine saved. */
  @CustomVjp(fwd = "sinRuleFwd", bwd = "sinRuleBwd", order = 3)
  static double sinRule(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> sinRuleFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  static double sinRuleBwd(Double cos, double g) {
    return cos * g;
  }

  /** The same rule at order 4, for a caller of order 2. */
  @CustomVjp(fwd = "sinRuleFwd", bwd = "sinRuleBwd", order = 4)
  static double sinRule4(double x) {
    return Math.sin(x);
  }

  /** A rule that is not sin's derivative: sin's value, twice its cosine as the derivative. */
  @CustomVjp(fwd = "doubledFwd", bwd = "doubledBwd", order = 3)
  static double doubled(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> doubledFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  static double doubledBwd(Double cos, double g) {
    return 2 * cos * g;
  }

  /** x²·y with its inputs saved. */
  @CustomVjp(fwd = "productFwd", bwd = "productBwd", order = 3)
  static double product(double x, double y) {
    return x * x * y;
  }

  static Fwd<double[]> productFwd(double x, double y) {
    return Fwd.of(x * x * y, new double[] {x, y});
  }

  static ReverseOnlyHessianCallsDerivatives.ProductGrad productBwd(double[] res, double g) {
    return new ReverseOnlyHessianCallsDerivatives.ProductGrad(2 * res[0] * res[1] * g, res[0] * res[0] * g);
  }

  /** A plain body that reaches a rule: sin(x·y) + x·y². */
  @Differentiable(order = 3)
  static double wrapped(double x, double y) {
    return sinRule(x * y) + x * y * y;
  }

  /** sinRule applied n times in a loop: reverse over reverse keeps its tape in local arrays. */
  @Differentiable(order = 3)
  static double sinTimes(double x, int n) {
    double c = x;
    for (int i = 0; i < n; i++) {
      c = sinRule(c);
    }
    return c;
  }

  /** The second derivative of sin(sin(x)), through a loop and a bound int. */
  @Differentiable
  static double loopCurvature(double x) {
    return ReverseOnlyHessianCallsDerivatives.sinTimesHessian(x, 2);
  }

  /** A Newton step on sin's derivative: x - cos x / (-sin x). */
  @Differentiable
  static double newton(double x) {
    return x - ReverseOnlyHessianCallsDerivatives.sinRuleGrad(x) / ReverseOnlyHessianCallsDerivatives.sinRuleHessian(x);
  }

  /** The rule's second derivative as written: -2 sin x. */
  @Differentiable
  static double doubledCurvature(double x) {
    return ReverseOnlyHessianCallsDerivatives.doubledHessian(x);
  }

  /** Entries of a two-parameter rule's Hessian, on the call and on a held local: 2y + 2x·x + 2x·2y. */
  @Differentiable
  static double productEntries(double x, double y) {
    double[][] h = ReverseOnlyHessianCallsDerivatives.productHessian(x, y);
    return ReverseOnlyHessianCallsDerivatives.productHessian(x, y)[0][0]
        + ReverseOnlyHessianCallsDerivatives.productHessian(x, y)[0][1] * x + h[1][0] * h[0][0];
  }

  /** Entries of the Hessian of a body reaching a rule. */
  @Differentiable
  static double wrappedEntries(double x, double y) {
    return ReverseOnlyHessianCallsDerivatives.wrappedHessian(x, y)[0][1] * y
        + ReverseOnlyHessianCallsDerivatives.wrappedHessian(x, y)[1][1];
  }

  /** An order-2 caller of an order-4 rule's Hessian: -sin x, its Hessian sin x. */
  @Differentiable(order = 2)
  static double curvature(double x) {
    return ReverseOnlyHessianCallsDerivatives.sinRule4Hessian(x);
  }
}

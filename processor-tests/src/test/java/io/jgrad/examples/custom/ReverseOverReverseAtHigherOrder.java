package io.jgrad.examples.custom;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * @CustomVjp functions and their callers of order 3 and 4: reverse over reverse over reverse, the
 * rules' fwd and bwd differentiated as written at every order above the first (JAX's grad of grad of
 * grad through a custom_vjp function).
 */
final class ReverseOverReverseAtHigherOrder {
  private ReverseOverReverseAtHigherOrder() {}

  /** The notebook's f(x) = sin(x) with its cosine saved: bwd's cos·g differentiated three more times. */
  @CustomVjp(fwd = "sinRuleFwd", bwd = "sinRuleBwd", order = 4)
  static double sinRule(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> sinRuleFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  static double sinRuleBwd(Double cos, double g) {
    return cos * g;
  }

  /** The same rule at order 3: its third derivative, whose finite differences check sinRule's fourth. */
  @CustomVjp(fwd = "sinRuleFwd", bwd = "sinRuleBwd", order = 3)
  static double sinRule3(double x) {
    return Math.sin(x);
  }

  /** exp whose forward pass calls the function itself: the residual's derivatives come from the rule again. */
  @CustomVjp(fwd = "expRuleFwd", bwd = "expRuleBwd", order = 4)
  static double expRule(double x) {
    return Math.exp(x);
  }

  static Fwd<Double> expRuleFwd(double x) {
    double y = expRule(x);
    return Fwd.of(y, y);
  }

  static double expRuleBwd(Double y, double g) {
    return y * g;
  }

  /** exp(2x) whose forward pass calls another rule's function (expRule): its derivatives are 2ⁿ·exp(2x). */
  @CustomVjp(fwd = "expSquaredFwd", bwd = "expSquaredBwd", order = 4)
  static double expSquared(double x) {
    return Math.exp(2 * x);
  }

  static Fwd<Double> expSquaredFwd(double x) {
    double e = expRule(x);
    return Fwd.of(e * e, e);
  }

  static double expSquaredBwd(Double e, double g) {
    return 2 * e * e * g;
  }

  /** x²·y with the inputs saved in an array: its only third derivative is ∂³f/∂x²∂y = 2. */
  @CustomVjp(fwd = "productFwd", bwd = "productBwd", order = 3)
  static double product(double x, double y) {
    return x * x * y;
  }

  static Fwd<double[]> productFwd(double x, double y) {
    return Fwd.of(x * x * y, new double[] {x, y});
  }

  static ReverseOverReverseAtHigherOrderDerivatives.ProductGrad productBwd(double[] res, double g) {
    double x = res[0];
    double y = res[1];
    return new ReverseOverReverseAtHigherOrderDerivatives.ProductGrad(2 * x * y * g, x * x * g);
  }

  /** The notebook's clip_gradient: the identity whose cotangent is clipped to [lo, hi]. */
  @CustomVjp(fwd = "clipFwd", bwd = "clipBwd", order = 3)
  static double clip(double lo, double hi, double x) {
    return x;
  }

  static Fwd<double[]> clipFwd(double lo, double hi, double x) {
    return Fwd.of(x, new double[] {lo, hi});
  }

  static ReverseOverReverseAtHigherOrderDerivatives.ClipGrad clipBwd(double[] res, double g) {
    return new ReverseOverReverseAtHigherOrderDerivatives.ClipGrad(0, 0, Math.max(res[0], Math.min(res[1], g)));
  }

  /**
   * x·sin(x) with the gradient reaching sin(x) clipped to [-3/2, 3/2]: f' = sin x + clamp(x)·cos x, and
   * the cotangents the derivatives above send through the clip are 1, never clipped.
   */
  @Differentiable(order = 3)
  static double clipped(double x) {
    return clip(-1.5, 1.5, Math.sin(x)) * x;
  }

  /** sinRule applied n times in a loop, at order 3: the pullback functions' tapes in local arrays. */
  @Differentiable(order = 3)
  static double sinTimes3(double x, int n) {
    double c = x;
    for (int i = 0; i < n; i++) {
      c = sinRule(c);
    }
    return c;
  }

  /** The same loop at order 4. */
  @Differentiable(order = 4)
  static double sinTimes4(double x, int n) {
    double c = x;
    for (int i = 0; i < n; i++) {
      c = sinRule(c);
    }
    return c;
  }

  /** A caller of two variables through three rules, straight-line: sin(xy)·x² + exp(2y). */
  @Differentiable(order = 3)
  static double caller(double x, double y) {
    double s = sinRule(x * y);
    return product(x, s) + expSquared(y);
  }

  /** A derivative call of sinRule (order 4) in an order-2 caller: through sinRule's pullback functions. */
  @Differentiable(order = 2)
  static double slope(double x) {
    return ReverseOverReverseAtHigherOrderDerivatives.sinRuleGrad(x) * x;
  }
}

package io.jgrad.examples.compose;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * Differentiable functions that pass the gradient of an order-2 function of a {@code double[]} on
 * whole to another function ({@code g(fGrad(w))}), with forward mode and through a {@code @CustomVjp}
 * rule.
 */
final class GradientsPassedOn {
  private GradientsPassedOn() {}

  /** a·b with a rule that is not its derivative: the gradient (b, 2a), whose Jacobian is asymmetric. */
  @CustomVjp(fwd = "skewFwd", bwd = "skewBwd", order = 2)
  static double skew(double a, double b) {
    return a * b;
  }

  static Fwd<double[]> skewFwd(double a, double b) {
    return Fwd.of(a * b, new double[] {a, b});
  }

  static GradientsPassedOnDerivatives.SkewGrad skewBwd(double[] res, double g) {
    return new GradientsPassedOnDerivatives.SkewGrad(g * res[1], 2 * g * res[0]);
  }

  /** ½ wᵀAw + bᵀw with A = [[2, 0.5, 0], [0.5, 3, -1], [0, -1, 4]] and b = (1, -2, 0.5). */
  @Differentiable(order = 2)
  static double quadratic(double[] w) {
    return w[0] * w[0] + 1.5 * w[1] * w[1] + 2 * w[2] * w[2] + 0.5 * w[0] * w[1] - w[1] * w[2]
        + w[0] - 2 * w[1] + 0.5 * w[2];
  }

  /** skew(x₀, x₁) + x₂²: by the rule the gradient (x₁, 2x₀, 2x₂). */
  @Differentiable(order = 2)
  static double skewed(double[] x) {
    return skew(x[0], x[1]) + x[2] * x[2];
  }

  @Differentiable
  static double sumSquares(double[] v) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += v[i] * v[i];
    }
    return s;
  }

  /** |∇f(w)|² = |Aw + b|², the gradient passed on whole. */
  @Differentiable
  static double gradientNorm(double[] w) {
    return sumSquares(GradientsPassedOnDerivatives.quadraticGrad(w));
  }

  /** |∇f(x)|² by the rule, w₁² + 4w₀² + 4w₂². */
  @Differentiable
  static double skewedGradientNorm(double[] x) {
    return sumSquares(GradientsPassedOnDerivatives.skewedGrad(x));
  }
}

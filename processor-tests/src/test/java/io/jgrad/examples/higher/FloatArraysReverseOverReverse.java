package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * Functions of {@code float[]}s that reach a {@code @CustomVjp} rule: reverse over reverse as for
 * {@code double[]}s, their derivatives typed as without a rule ({@code float[]} for {@code fHvp} and
 * {@code fVhp}, {@code double[][]} for {@code fHessian}).
 */
final class FloatArraysReverseOverReverse {
  private FloatArraysReverseOverReverse() {}

  /** a·b with a rule that is not its derivative: the gradient (b², 2a). */
  @CustomVjp(fwd = "skewFwd", bwd = "skewBwd", order = 3)
  static double skew(double a, double b) {
    return a * b;
  }

  static Fwd<double[]> skewFwd(double a, double b) {
    return Fwd.of(a * b, new double[] {a, b});
  }

  static FloatArraysReverseOverReverseDerivatives.SkewGrad skewBwd(double[] res, double g) {
    return new FloatArraysReverseOverReverseDerivatives.SkewGrad(g * res[1] * res[1], 2 * g * res[0]);
  }

  /** skew(w₀, w₁)·w₂ + w₀³ over floats. */
  @Differentiable(order = 2)
  static double cubic(float[] w) {
    return skew(w[0], w[1]) * w[2] + w[0] * w[0] * w[0];
  }

  /** skew(w₀, w₁)·b + skew(w₂, b) + b²·w₀: a float[] and a double. */
  @Differentiable(order = 2)
  static double mixed(float[] w, double b) {
    return skew(w[0], w[1]) * b + skew(w[2], b) + b * b * w[0];
  }

  /** skew(w₀, w₁)·w₂ + w₀²·c₀ at order 3: a float[] next to a double[]. */
  @Differentiable(order = 3)
  static double third(float[] w, double[] c) {
    return skew(w[0], w[1]) * w[2] + w[0] * w[0] * c[0];
  }
}

package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * Functions of {@code double[]}s (and doubles) that reach a {@code @CustomVjp} rule, at orders 3 and
 * 4: reverse over reverse through pullback functions of pullback functions, whose gradient arrays
 * give the directional {@code fDerivative}.
 */
final class ArrayParamsReverseOverReverseAtOrderThree {
  private ArrayParamsReverseOverReverseAtOrderThree() {}

  /** a·b with a rule that is not its derivative: the gradient (b², 2a), so no order is symmetric. */
  @CustomVjp(fwd = "skewFwd", bwd = "skewBwd", order = 4)
  static double skew(double a, double b) {
    return a * b;
  }

  static Fwd<double[]> skewFwd(double a, double b) {
    return Fwd.of(a * b, new double[] {a, b});
  }

  static ArrayParamsReverseOverReverseAtOrderThreeDerivatives.SkewGrad skewBwd(double[] res, double g) {
    return new ArrayParamsReverseOverReverseAtOrderThreeDerivatives.SkewGrad(g * res[1] * res[1], 2 * g * res[0]);
  }

  /** skew(w₀, w₁)·w₂ + w₀³. */
  @Differentiable(order = 3)
  static double cubic(double[] w) {
    return skew(w[0], w[1]) * w[2] + w[0] * w[0] * w[0];
  }

  /** skew(w₀, w₁)·b + skew(w₂, b) + b²·w₀: an array and a number. */
  @Differentiable(order = 3)
  static double mixed(double[] w, double b) {
    return skew(w[0], w[1]) * b + skew(w[2], b) + b * b * w[0];
  }

  /** k·Σ skew(aᵢ, cᵢ)·aᵢ: two arrays and a loop (its tape in local arrays at every level). */
  @Differentiable(order = 3)
  static double pairs(double[] a, double[] c, int k) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += skew(a[i], c[i]) * a[i];
    }
    return s * k;
  }

  /** skew(w₀, w₁)·w₀ at order 4. */
  @Differentiable(order = 4)
  static double quartic(double[] w) {
    return skew(w[0], w[1]) * w[0];
  }
}

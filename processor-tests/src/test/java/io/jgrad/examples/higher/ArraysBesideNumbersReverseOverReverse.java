package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * Functions of a {@code double[]} next to other differentiated parameters (a double, another array)
 * that reach a {@code @CustomVjp} rule, at order 2: reverse over reverse through one pullback
 * function per parameter, each returning its component of the gradient.
 */
final class ArraysBesideNumbersReverseOverReverse {
  private ArraysBesideNumbersReverseOverReverse() {}

  /** sin with its true derivative as the rule. */
  @CustomVjp(fwd = "sineFwd", bwd = "sineBwd", order = 2)
  static double sine(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> sineFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  static double sineBwd(Double cos, double g) {
    return cos * g;
  }

  /** a·b with a rule that is not its derivative: the gradient (b, 2a), whose Jacobian is asymmetric. */
  @CustomVjp(fwd = "skewFwd", bwd = "skewBwd", order = 2)
  static double skew(double a, double b) {
    return a * b;
  }

  static Fwd<double[]> skewFwd(double a, double b) {
    return Fwd.of(a * b, new double[] {a, b});
  }

  static ArraysBesideNumbersReverseOverReverseDerivatives.SkewGrad skewBwd(double[] res, double g) {
    return new ArraysBesideNumbersReverseOverReverseDerivatives.SkewGrad(g * res[1], 2 * g * res[0]);
  }

  /** skew(w₀, w₁) + skew(w₂, b) + b²·w₀ in straight-line code: an array and a number. */
  @Differentiable(order = 2)
  static double mixed(double[] w, double b) {
    return skew(w[0], w[1]) + skew(w[2], b) + b * b * w[0];
  }

  /** Σ skew(aᵢ, cᵢ) + sin(aᵢ·cᵢ) scaled by k: two arrays, a loop (its tape in local arrays). */
  @Differentiable(order = 2)
  static double pairs(double[] a, double[] c, int k) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += skew(a[i], c[i]) + sine(a[i] * c[i]);
    }
    return s * k;
  }
}

package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * Functions of one {@code double[]} that reach a {@code @CustomVjp} rule, at order 2: reverse over
 * reverse through a pullback function that returns the gradient array.
 */
final class ArrayParamsReverseOverReverse {
  private ArrayParamsReverseOverReverse() {}

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

  static ArrayParamsReverseOverReverseDerivatives.SkewGrad skewBwd(double[] res, double g) {
    return new ArrayParamsReverseOverReverseDerivatives.SkewGrad(g * res[1], 2 * g * res[0]);
  }

  /** sin(x₀)·x₁ in straight-line code. */
  @Differentiable(order = 2)
  static double sineProduct(double[] x) {
    return sine(x[0]) * x[1];
  }

  /** k·Σ sin(xᵢ·xᵢ₊₁) around the ring: a loop, its tape kept in local arrays. */
  @Differentiable(order = 2)
  static double ring(double[] x, int k) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += sine(x[i] * x[(i + 1) % x.length]);
    }
    return s * k;
  }

  /** skew(x₀, x₁) + x₂²: the skew rule's asymmetric Jacobian in the Hessian's first block. */
  @Differentiable(order = 2)
  static double skewed(double[] x) {
    return skew(x[0], x[1]) + x[2] * x[2];
  }
}

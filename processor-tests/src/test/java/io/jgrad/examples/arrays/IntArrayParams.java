package io.jgrad.examples.arrays;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.Fwd;

/** Functions with {@code int[]} parameters: data such as indices or exponents, never differentiated. */
final class IntArrayParams {
  private IntArrayParams() {}

  /** {@code sum_k x[idx[k]] x[k]}. */
  @Differentiable
  static double gather(double[] x, int[] idx) {
    double s = 0;
    for (int k = 0; k < idx.length; k++) {
      s += x[idx[k]] * x[k];
    }
    return s;
  }

  /** {@code x^p[0] y^p[1]}, by loops. */
  @Differentiable(order = 2)
  static double monomial(double x, double y, int[] p) {
    double r = 1;
    for (int k = 0; k < p[0]; k++) {
      r *= x;
    }
    for (int k = 0; k < p[1]; k++) {
      r *= y;
    }
    return r;
  }

  /** {@code x^p[0]} with a rule for its derivative. */
  @CustomJvp(jvp = "powJvp")
  static double pow(double x, int[] p) {
    return Math.pow(x, p[0]);
  }

  static Dual powJvp(double x, int[] p, double xDot) {
    return Dual.of(Math.pow(x, p[0]), p[0] * Math.pow(x, p[0] - 1) * xDot);
  }

  /** The identity whose backward pass scales the cotangent by {@code p[0]}. */
  @CustomVjp(fwd = "scaleGradientFwd", bwd = "scaleGradientBwd")
  static double scaleGradient(double x, int[] p) {
    return x;
  }

  static Fwd<Double> scaleGradientFwd(double x, int[] p) {
    return Fwd.of(x, x);
  }

  static double scaleGradientBwd(int[] p, Double x, double g) {
    return p[0] * g;
  }

  /** {@code pow(x, p) scaleGradient(y, p)}: both rules, the same array passed to each. */
  @Differentiable
  static double ruled(double x, double y, int[] p) {
    return pow(x, p) * scaleGradient(y, p);
  }
}

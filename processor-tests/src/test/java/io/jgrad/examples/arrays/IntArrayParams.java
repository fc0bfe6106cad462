package io.jgrad.examples.arrays;

import io.jgrad.annotations.Differentiable;

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
}

package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
import io.jgrad.runtime.Dual;

/** Batched functions of arrays given per lane: each lane reads its row of a flat array ({@code vmap} over rows). */
final class BatchedRows {
  private BatchedRows() {}

  /** {@code log sum_i exp(x_i)}, whose gradient is the softmax of the row. */
  @Batched
  @Differentiable
  static double logSumExp(double[] x) {
    double m = x[0];
    for (int i = 1; i < x.length; i++) {
      m = Math.max(m, x[i]);
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.exp(x[i] - m);
    }
    return m + Math.log(s);
  }

  /** {@code sum_i x_i w_i}, inlined into its caller. */
  @Differentiable(wrt = "x")
  static double dot(double[] x, double[] w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * w[i];
    }
    return s;
  }

  /**
   * {@code sin(y dot(x, w)) + y^2 sum_j c_j}: a scalar before the array, a weight row per lane (perLane) and
   * a shared array of another length.
   */
  @Batched(perLane = "w")
  @Differentiable
  static double scaled(double y, double[] x, @NonDiff double[] w, @NonDiff double[] c) {
    double s = 0;
    for (int j = 0; j < c.length; j++) {
      s += c[j];
    }
    return Math.sin(y * dot(x, w)) + y * y * s;
  }

  /** {@code sum_i x_i^2 z + z^3 (x_0 - x_1)}: two rows of their own lengths (x, v) around a scalar. */
  @Batched
  @Differentiable
  static double twoRows(double[] x, double z, double[] v) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i] * z;
    }
    for (int k = 0; k < v.length; k++) {
      s += Math.cos(v[k] * x[k % x.length]);
    }
    return s + z * z * z * (x[0] - x[1]);
  }

  /** {@code sum_k c_k x^k}: coefficients per lane (perLane names the array), x a scalar. */
  @Batched(perLane = "c")
  @Differentiable
  static double poly(double x, @NonDiff double[] c) {
    double p = 0;
    for (int k = c.length - 1; k >= 0; k--) {
      p = p * x + c[k];
    }
    return p;
  }

  /** {@code sum_i x_i^2}, in float. */
  @Batched
  @Differentiable
  static float sumOfSquaresF(float[] x) {
    float s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return s;
  }

  /** {@code sum_i exp(x_i)}, with a rule that reads the tangent row; the kernels expand it. */
  @CustomJvp(jvp = "sumExpJvp")
  static double sumExp(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.exp(x[i]);
    }
    return s;
  }

  static Dual sumExpJvp(double[] x, double[] xDot) {
    double s = 0;
    double t = 0;
    for (int i = 0; i < x.length; i++) {
      double e = Math.exp(x[i]);
      s += e;
      t += e * xDot[i];
    }
    return Dual.of(s, t);
  }

  /** {@code log(sumExp(x))}: the log-sum-exp again, through a custom JVP rule. */
  @Batched
  @Differentiable
  static double logOfSumExp(double[] x) {
    return Math.log(sumExp(x));
  }
}

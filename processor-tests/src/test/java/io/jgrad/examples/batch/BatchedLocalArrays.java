package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;

/** Batched functions that keep values in local arrays of a size known at compile time: a lane's private arrays. */
final class BatchedLocalArrays {
  private BatchedLocalArrays() {}

  /** The number of powers {@link #powers} keeps. */
  static final int K = 4;

  /**
   * {@code t = (x, xy, sin(xy))}, then {@code Σ t_k² + t_0 t_2}: a literal size, elements read back and
   * overwritten, a copy by {@code clone()}.
   */
  @Batched
  @Differentiable
  static double squares(double x, double y) {
    double[] t = new double[3];
    t[0] = x;
    t[1] = x * y;
    t[2] = Math.sin(t[1]);
    double[] u = t.clone();
    u[0] = u[0] * t[2];
    double s = 0;
    for (int k = 0; k < t.length; k++) {
      s += t[k] * t[k];
    }
    return s + u[0];
  }

  /** {@code Σ_k c^k x^k / (k + 1)} for k below {@link #K}, the powers kept in an array of a constant's size. */
  @Batched
  @Differentiable
  static double powers(double x, double c) {
    double[] p = new double[K];
    p[0] = 1;
    for (int k = 1; k < K; k++) {
      p[k] = p[k - 1] * c * x;
    }
    double s = 0;
    for (int k = 0; k < p.length; k++) {
      s += p[k] / (k + 1);
    }
    return s;
  }

  /** {@code Σ a_i²}, inlined with the caller's local array as {@code a}. */
  @Differentiable
  static double sumSq(double[] a) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * a[i];
    }
    return s;
  }

  /**
   * A row per lane folded into {@code 2 K} bins by {@code i mod 2K}, then {@code sumSq(bins) + sin(bins_0)}: a
   * local array next to a row, through a callee, the gradient by one pass per element.
   */
  @Batched
  @Differentiable
  static double binned(double[] x, double w) {
    double[] bins = new double[2 * K];
    for (int i = 0; i < x.length; i++) {
      bins[i % bins.length] += w * x[i];
    }
    return sumSq(bins) + Math.sin(bins[0]);
  }
}

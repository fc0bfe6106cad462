package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;

/** Batched functions whose non-differentiated parameters are given per lane ({@code perLane}, JAX's in_axes). */
final class BatchedPerLane {
  private BatchedPerLane() {}

  /**
   * {@code sign * scale * sum_{k < terms} sin((k + 1) x) + shift}, {@code sign} -1 where {@code flip}: a
   * trip count, a constant, a flag per lane, and a shared long.
   */
  @Batched(perLane = {"terms", "scale", "flip"})
  @Differentiable
  static double series(double x, int terms, @NonDiff double scale, boolean flip, long shift) {
    double s = 0;
    for (int k = 0; k < terms; k++) {
      s += Math.sin((k + 1) * x);
    }
    return (flip ? -scale : scale) * s + shift;
  }

  /** {@code exp(-rate x) y}, differentiated in x only; y (outside wrt) and the long rate per lane. */
  @Batched(perLane = {"y", "rate"})
  @Differentiable(wrt = "x")
  static double decay(double x, double y, long rate) {
    return Math.exp(-rate * x) * y;
  }

  /** A float function with a per-lane int. */
  @Batched(perLane = "n")
  @Differentiable
  static float powerF(float x, int n) {
    float p = 1;
    for (int k = 0; k < n; k++) {
      p *= x;
    }
    return p;
  }
}

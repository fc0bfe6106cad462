package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * Loops that reach a {@code @CustomVjp} rule, batched: the gradient lane has no forward mode, so it is
 * reverse mode, and runs each loop backwards by recomputation (no tape in a lane) on OpenCL.
 */
final class BatchedVjpLoops {
  private BatchedVjpLoops() {}

  /** sin, its backward pass the true derivative (cos x · g), so that finite differences check it. */
  @CustomVjp(fwd = "sinStepFwd", bwd = "sinStepBwd")
  static double sinStep(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> sinStepFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  static double sinStepBwd(Double cos, double g) {
    return cos * g;
  }

  /** The rule applied n times (n shared by the lanes), y in every trip. */
  @Batched
  @Differentiable
  static double sinTimes(double x, double y, int n) {
    double c = x;
    for (int i = 0; i < n; i++) {
      c = sinStep(c + y * i) * (1 + y);
    }
    return c * y;
  }

  /** A loop in a loop whose trip count grows with the outer counter, a branch in it. */
  @Batched
  @Differentiable
  static double nested(double x, double y, int n) {
    double c = x;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        if (c > 0.5) {
          c = sinStep(c) + 0.25 * y;
        } else {
          c = c * y + 0.5;
        }
      }
      c = c * (1 + 0.1 * y);
    }
    return c;
  }

  /** A while loop whose trip count is the lane's own: ceil(3x) trips. */
  @Batched
  @Differentiable
  static double lanesOwnTrips(double x, double y) {
    double c = y;
    int k = 0;
    while (k < 3 * x) {
      c = sinStep(c * x) + y;
      k = k + 1;
    }
    return c * k;
  }
}

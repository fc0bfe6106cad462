package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
import io.jgrad.runtime.Fwd;

/**
 * A differentiated row per lane through a @CustomVjp rule: {@code @Batched(rowLength)} fixes the row's
 * length, so that the lane holds its cotangent row as a private array.
 */
final class BatchedRowRules {
  private BatchedRowRules() {}

  /** The rows' length, fixed at compile time. */
  static final int N = 3;

  /** The notebook's clip_gradient: the identity whose gradient is clipped to [lo, hi]. */
  @CustomVjp(fwd = "clipFwd", bwd = "clipBwd")
  static double clip(double lo, double hi, double x) {
    return x;
  }

  static Fwd<double[]> clipFwd(double lo, double hi, double x) {
    return Fwd.of(x, new double[] {lo, hi});
  }

  static BatchedRowRulesDerivatives.ClipGrad clipBwd(double[] res, double g) {
    return new BatchedRowRulesDerivatives.ClipGrad(0, 0, Math.max(res[0], Math.min(res[1], g)));
  }

  /** {@code sin(clip(k |x|²)) + k x_0}: a differentiated row and a scalar per lane, through the rule. */
  @Batched(rowLength = N)
  @Differentiable
  static double clippedRowNorm(double[] x, double k) {
    double s = x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
    return Math.sin(clip(-0.5, 0.5, k * s)) + k * x[0];
  }

  /** The length of the second rows, other than {@link #N}. */
  static final int M = 2;

  /**
   * {@code sin(clip(k (|x|² + y_0 y_1))) + x_0 y_1}: differentiated rows of two lengths through the rule,
   * x's fixed by {@code rowLength}, y's by its own {@code @Batched.RowLength}.
   */
  @Batched(rowLength = N)
  @Differentiable
  static double clippedTwoRows(double[] x, @Batched.RowLength(M) double[] y, double k) {
    double s = x[0] * x[0] + x[1] * x[1] + x[2] * x[2] + y[0] * y[1];
    return Math.sin(clip(-0.5, 0.5, k * s)) + x[0] * y[1];
  }

  /**
   * {@code sin(clip(k Σ w_i x_i²)) + k x_0}, summed in a loop, with a row of weights per lane: OpenCL
   * lanes run the loop backwards by recomputation, CPU lanes call fGrad with copies of the rows.
   */
  @Batched(rowLength = N, perLane = "w")
  @Differentiable
  static double clippedWeightedNorm(double[] x, double k, @NonDiff double[] w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += w[i] * x[i] * x[i];
    }
    return Math.sin(clip(-0.5, 0.5, k * s)) + k * x[0];
  }
}

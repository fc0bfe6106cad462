package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
import io.jgrad.runtime.Fwd;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rows per lane through a @CustomVjp rule whose backward pass a kernel cannot run: the lanes call the
 * scalar code on the CPU with a copy of each row, and copy the gradient row back.
 */
final class BatchedCpuRows {
  private BatchedCpuRows() {}

  /** How many times {@link #countedClipBwd} ran: a static counter, which a kernel cannot touch. */
  static final AtomicLong BWD_CALLS = new AtomicLong();

  /** The notebook's clip_gradient to [-0.5, 0.5], whose backward pass counts its calls. */
  @CustomVjp(fwd = "countedClipFwd", bwd = "countedClipBwd")
  static double countedClip(double x) {
    return x;
  }

  static Fwd<Double> countedClipFwd(double x) {
    return Fwd.of(x, x);
  }

  static double countedClipBwd(Double x, double g) {
    BWD_CALLS.incrementAndGet();
    return Math.max(-0.5, Math.min(0.5, g));
  }

  /**
   * {@code sin(clip(k Σ w_i x_i²)) + k x_0} over the row x, with a row of weights per lane (at least
   * as long as x): rows of any length, as the lanes run on the CPU.
   */
  @SuppressWarnings("jgrad.CpuOnlyBatch")
  @Batched(perLane = "w")
  @Differentiable
  static double countedWeightedNorm(double[] x, double k, @NonDiff double[] w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += w[i] * x[i] * x[i];
    }
    return Math.sin(countedClip(k * s)) + k * x[0];
  }
}

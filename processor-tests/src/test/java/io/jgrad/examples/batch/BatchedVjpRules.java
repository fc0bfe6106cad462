package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/** The seed's gradient clipping, batched: a @CustomVjp rule keeps the lanes on the CPU. */
final class BatchedVjpRules {
  private BatchedVjpRules() {}

  @CustomVjp(fwd = "clipGradientFwd", bwd = "clipGradientBwd")
  static double clipGradient(double lo, double hi, double x) {
    return x;
  }

  static Fwd<double[]> clipGradientFwd(double lo, double hi, double x) {
    return Fwd.of(x, new double[] {lo, hi});
  }

  static BatchedVjpRulesDerivatives.ClipGradientGrad clipGradientBwd(double[] res, double g) {
    return new BatchedVjpRulesDerivatives.ClipGradientGrad(0, 0, Math.max(res[0], Math.min(res[1], g)));
  }

  @SuppressWarnings("jgrad.CpuOnlyBatch")
  @Batched
  @Differentiable
  static double clipSin(double x) {
    x = clipGradient(-0.75, 0.75, x);
    return Math.sin(x);
  }
}

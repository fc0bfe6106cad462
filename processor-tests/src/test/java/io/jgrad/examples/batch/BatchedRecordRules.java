package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
import io.jgrad.runtime.Fwd;

/**
 * Records and rows of weights per lane in functions that reach a @CustomVjp rule: the lane runs the
 * rule's fwd and bwd as code.
 */
final class BatchedRecordRules {
  private BatchedRecordRules() {}

  record Point(double x, double y) {}

  /** The notebook's clip_gradient: the identity whose gradient is clipped to [lo, hi]. */
  @CustomVjp(fwd = "clipFwd", bwd = "clipBwd")
  static double clip(double lo, double hi, double x) {
    return x;
  }

  static Fwd<double[]> clipFwd(double lo, double hi, double x) {
    return Fwd.of(x, new double[] {lo, hi});
  }

  static BatchedRecordRulesDerivatives.ClipGrad clipBwd(double[] res, double g) {
    return new BatchedRecordRulesDerivatives.ClipGrad(0, 0, Math.max(res[0], Math.min(res[1], g)));
  }

  /** {@code sin(clip(p.x)) * p.y + k p.y²}: a record per lane and a scalar, through the rule. */
  @Batched
  @Differentiable
  static double clippedWave(Point p, double k) {
    double x = clip(-0.5, 0.5, p.x());
    return Math.sin(x) * p.y() + k * p.y() * p.y();
  }

  /** {@code sin(clip(x |w|²)) + x w_0}: a row of weights per lane (not differentiated) through the rule. */
  @Batched(perLane = "w")
  @Differentiable
  static double clippedNorm(double x, @NonDiff double[] w) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * w[i];
    }
    return Math.sin(clip(-0.5, 0.5, x * s)) + x * w[0];
  }
}

package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
import io.jgrad.runtime.Fwd;
import io.jgrad.runtime.RecordFwd;

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

  /** A point's unit direction, the radius and a scale: the residuals of {@link #softRadius}. */
  record Scaled(Point u, double r, double k) {}

  /**
   * {@code k |p|} with a @CustomVjp rule of its own: its bwd clips the gradient of each leaf of p to
   * [-0.5, 0.5] (k's is the radius, as the derivative says).
   */
  @Batched
  @CustomVjp(fwd = "softRadiusFwd", bwd = "softRadiusBwd")
  static double softRadius(Point p, double k) {
    return k * Math.sqrt(p.x() * p.x() + p.y() * p.y());
  }

  static Fwd<Scaled> softRadiusFwd(Point p, double k) {
    double r = Math.sqrt(p.x() * p.x() + p.y() * p.y());
    return Fwd.of(k * r, new Scaled(new Point(p.x() / r, p.y() / r), r, k));
  }

  static BatchedRecordRulesDerivatives.SoftRadiusGrad softRadiusBwd(Scaled res, double g) {
    double gx = Math.max(-0.5, Math.min(0.5, res.k() * res.u().x() * g));
    double gy = Math.max(-0.5, Math.min(0.5, res.k() * res.u().y() * g));
    return new BatchedRecordRulesDerivatives.SoftRadiusGrad(new Point(gx, gy), res.r() * g);
  }

  /**
   * {@code c (p.x² + sin p.y)} with a rule whose fwd calls the function and keeps p, whose bwd
   * returns the record and clips the x leaf to [-1, 1]; c shared by all lanes.
   */
  @Batched
  @CustomVjp(fwd = "clippedEnergyFwd", bwd = "clippedEnergyBwd")
  static double clippedEnergy(Point p, @NonDiff double c) {
    return c * (p.x() * p.x() + Math.sin(p.y()));
  }

  static Fwd<Point> clippedEnergyFwd(Point p, double c) {
    return Fwd.of(clippedEnergy(p, c), p);
  }

  static Point clippedEnergyBwd(double c, Point p, double g) {
    return new Point(Math.max(-1, Math.min(1, 2 * c * p.x() * g)), c * Math.cos(p.y()) * g);
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

  /**
   * (k x, k y²) with a @CustomVjp rule of its own and a record result: fBatch stores each leaf per lane
   * by the body; a record result has no gradient kernel, and the rule no forward mode.
   */
  @Batched
  @CustomVjp(fwd = "stretchFwd", bwd = "stretchBwd")
  static Point stretch(Point p, double k) {
    return new Point(k * p.x(), k * p.y() * p.y());
  }

  static RecordFwd<Point, Scaled> stretchFwd(Point p, double k) {
    return RecordFwd.of(stretch(p, k), new Scaled(p, 0, k));
  }

  static BatchedRecordRulesDerivatives.StretchGrad stretchBwd(Scaled res, Point g) {
    Point p = res.u();
    return new BatchedRecordRulesDerivatives.StretchGrad(
        new Point(res.k() * g.x(), 2 * res.k() * p.y() * g.y()), p.x() * g.x() + p.y() * p.y() * g.y());
  }
}

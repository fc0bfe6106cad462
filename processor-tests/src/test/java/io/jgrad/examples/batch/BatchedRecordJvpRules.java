package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;

/** Batched functions of records with a custom JVP rule of their own: the lane runs the rule over the leaves. */
final class BatchedRecordJvpRules {
  private BatchedRecordJvpRules() {}

  record Point(double x, double y) {}

  /** |p|, with a rule that calls its function: the true derivative (x ẋ + y ẏ) / |p|. */
  @Batched
  @CustomJvp(jvp = "radiusJvp")
  static double radius(Point p) {
    return Math.sqrt(p.x() * p.x() + p.y() * p.y());
  }

  static Dual radiusJvp(Point p, Point pDot) {
    double ans = radius(p);
    return Dual.of(ans, (p.x() * pDot.x() + p.y() * pDot.y()) / ans);
  }

  /**
   * {@code k p.x + sin(p.y)}, with a rule whose tangent along p.y is twice the derivative: kernels
   * must apply the rule, not differentiate the body.
   */
  @Batched
  @CustomJvp(jvp = "warpedJvp")
  static double warped(Point p, double k) {
    return k * p.x() + Math.sin(p.y());
  }

  static Dual warpedJvp(Point p, double k, Point pDot, double kDot) {
    return Dual.of(k * p.x() + Math.sin(p.y()),
        k * pDot.x() + p.x() * kDot + 2 * Math.cos(p.y()) * pDot.y());
  }
}

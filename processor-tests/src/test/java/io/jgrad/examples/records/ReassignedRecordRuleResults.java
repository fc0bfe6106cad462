package io.jgrad.examples.records;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Jvp;

/** A record local assigned again from a second call of a {@code @CustomJvp} rule with a record result. */
final class ReassignedRecordRuleResults {
  private ReassignedRecordRuleResults() {}

  record Point(double x, double y) {}

  /** (xy, sin x), its rule the true derivative. */
  @CustomJvp(jvp = "bentJvp", order = 2)
  static Point bent(double x, double y) {
    return new Point(x * y, Math.sin(x));
  }

  static Jvp<Point> bentJvp(double x, double y, double xDot, double yDot) {
    return Jvp.of(bent(x, y), new Point(y * xDot + x * yDot, Math.cos(x) * xDot));
  }

  /** p = bent(x, y), then p = bent(xy, sin x): x²y² sin x + sin(xy). */
  @Differentiable(order = 2)
  static double reassigned(double x, double y) {
    Point p = bent(x, y);
    double s = p.x();
    p = bent(s, p.y());
    return s * p.x() + p.y();
  }

  /** The same at order 1. */
  @Differentiable
  static double reassignedOnce(double x, double y) {
    Point p = bent(x, y);
    double s = p.x();
    p = bent(s, p.y());
    return s * p.x() + p.y();
  }
}

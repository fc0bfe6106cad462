package io.jgrad.examples.records;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Jvp;

/**
 * Functions of order 2 calling {@code @CustomJvp} rules with a record result: the rule's tangent is
 * applied at the first order and differentiated as written at the second, as JAX's
 * {@code jax.hessian} goes through a {@code custom_jvp} function returning a pytree.
 */
final class RecordJvpRuleCallers {
  private RecordJvpRuleCallers() {}

  record Point(double x, double y) {}

  /** (xy, sin x), its rule's tangent (2y·ẋ + x·ẏ, x cos x·ẋ) not the derivative; calls its function. */
  @CustomJvp(jvp = "bentJvp", order = 2)
  static Point bent(double x, double y) {
    return new Point(x * y, Math.sin(x));
  }

  static Jvp<Point> bentJvp(double x, double y, double xDot, double yDot) {
    return Jvp.of(bent(x, y), new Point(2 * y * xDot + x * yDot, x * Math.cos(x) * xDot));
  }

  /** As {@link #bent}, the rule computing the value itself: above the first order it is differentiated as written. */
  @CustomJvp(jvp = "ownJvp", order = 2)
  static Point own(double x, double y) {
    return new Point(x * y, Math.sin(x));
  }

  static Jvp<Point> ownJvp(double x, double y, double xDot, double yDot) {
    return Jvp.of(new Point(x * y, Math.sin(x)), new Point(2 * y * xDot + x * yDot, x * Math.cos(x) * xDot));
  }

  /** (2x, x²) with the tangent (2ẋ, 3x²·ẋ): the guide's example. */
  @CustomJvp(jvp = "skewedJvp", order = 2)
  static Point skewed(double x) {
    return new Point(2 * x, x * x);
  }

  static Jvp<Point> skewedJvp(double x, double xDot) {
    return Jvp.of(skewed(x), new Point(2 * xDot, 3 * x * x * xDot));
  }

  @Differentiable(order = 2)
  static double throughSkewed(double x) {
    Point p = skewed(x);
    return p.x() * p.y();
  }

  /** P·x · P·y + x·P·x with P = bent(x, y). */
  @Differentiable(order = 2)
  static double throughBent(double x, double y) {
    Point p = bent(x, y);
    return p.x() * p.y() + x * p.x();
  }

  /** The same through {@link #own}. */
  @Differentiable(order = 2)
  static double throughOwn(double x, double y) {
    Point p = own(x, y);
    return p.x() * p.y() + x * p.x();
  }
}

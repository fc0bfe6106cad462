package io.jgrad.examples.records;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Jvp;

/**
 * {@code @CustomJvp} rules with a record result at order 2 and 3: {@code fDerivative} applies the
 * rule once and differentiates its tangent as written above that (JAX).
 */
final class RecordResultRulesAtHigherOrder {
  private RecordResultRulesAtHigherOrder() {}

  record Point(double x, double y) {}

  record Polar(double r, double t) {}

  /** (2x, x²) with a rule whose second tangent leaf, 3x²·ẋ, is not the derivative of x². */
  @CustomJvp(jvp = "skewedJvp", order = 2)
  static Point skewed(double x) {
    return new Point(2 * x, x * x);
  }

  static Jvp<Point> skewedJvp(double x, double xDot) {
    return Jvp.of(skewed(x), new Point(2 * xDot, 3 * x * x * xDot));
  }

  /**
   * Polar to Cartesian coordinates, its true derivative as the rule, to order 3; the rule computes
   * the value itself, so above the first order its body is differentiated as written.
   */
  @CustomJvp(jvp = "toPointJvp", order = 3)
  static Point toPoint(Polar p) {
    return new Point(p.r() * Math.cos(p.t()), p.r() * Math.sin(p.t()));
  }

  static Jvp<Point> toPointJvp(Polar p, Polar pDot) {
    double c = Math.cos(p.t());
    double s = Math.sin(p.t());
    return Jvp.of(new Point(p.r() * c, p.r() * s),
        new Point(c * pDot.r() - p.r() * s * pDot.t(), s * pDot.r() + p.r() * c * pDot.t()));
  }
}

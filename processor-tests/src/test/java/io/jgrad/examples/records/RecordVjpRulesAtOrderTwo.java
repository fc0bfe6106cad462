package io.jgrad.examples.records;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * {@code @CustomVjp} rules on records at order 2, reverse over reverse over the leaves: the rule's
 * passes read as code, as JAX's {@code hessian} differentiates a {@code custom_vjp} function of a
 * pytree.
 */
final class RecordVjpRulesAtOrderTwo {
  private RecordVjpRulesAtOrderTwo() {}

  record Point(double x, double y) {}

  record Scaled(Point p, double w) {}

  /** A rule that is the true derivative: x²y + sin(y), the residual the point itself. */
  @CustomVjp(fwd = "energyFwd", bwd = "energyBwd", order = 2)
  static double energy(Point p) {
    return p.x() * p.x() * p.y() + Math.sin(p.y());
  }

  static Fwd<Point> energyFwd(Point p) {
    return Fwd.of(p.x() * p.x() * p.y() + Math.sin(p.y()), new Point(p.x(), p.y()));
  }

  static Point energyBwd(Point p, double g) {
    return new Point(2 * p.x() * p.y() * g, (p.x() * p.x() + Math.cos(p.y())) * g);
  }

  /** A rule that is not a derivative: bwd (y²g, x·g), whose Hessian [[0, 2y], [1, 0]] is not symmetric. */
  @CustomVjp(fwd = "skewFwd", bwd = "skewBwd", order = 2)
  static double skew(Point p) {
    return p.x() * p.y();
  }

  static Fwd<Point> skewFwd(Point p) {
    return Fwd.of(p.x() * p.y(), p);
  }

  static Point skewBwd(Point p, double g) {
    return new Point(p.y() * p.y() * g, p.x() * g);
  }

  /** Several parameters, a nested record and a residual array: w·(x² + y) + w²k·x, k held constant. */
  @CustomVjp(fwd = "weightedFwd", bwd = "weightedBwd", order = 2)
  static double weighted(Scaled s, double k, @io.jgrad.annotations.NonDiff int n) {
    double x = s.p().x();
    double y = s.p().y();
    double w = s.w();
    return w * (x * x + y) + w * w * k * x + n;
  }

  static Fwd<double[]> weightedFwd(Scaled s, double k, int n) {
    double x = s.p().x();
    double y = s.p().y();
    double w = s.w();
    return Fwd.of(w * (x * x + y) + w * w * k * x + n, new double[] {x, y, w, k});
  }

  static RecordVjpRulesAtOrderTwoDerivatives.WeightedGrad weightedBwd(int n, double[] r, double g) {
    double x = r[0];
    double y = r[1];
    double w = r[2];
    double k = r[3];
    Scaled ds = new Scaled(new Point((2 * w * x + w * w * k) * g, w * g), (x * x + y + 2 * w * k * x) * g);
    return new RecordVjpRulesAtOrderTwoDerivatives.WeightedGrad(ds, w * w * x * g);
  }

  @CustomVjp(fwd = "sineFwd", bwd = "sineBwd", order = 2)
  static double sine(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> sineFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  /** Twice the true derivative: 2·cos(x)·g, differentiated as written (-2 sin x) at order 2. */
  static double sineBwd(Double cos, double g) {
    return 2 * cos * g;
  }

  /** A record function that reaches a rule over numbers: sine(x·y) + x·y². */
  @Differentiable(order = 2)
  static double reaches(Point p) {
    return sine(p.x() * p.y()) + p.x() * p.y() * p.y();
  }

  /** A function of numbers calling the record rules: energy(a·b, a) + skew(a, b²). */
  @Differentiable(order = 2)
  static double caller(double a, double b) {
    return energy(new Point(a * b, a)) + skew(new Point(a, b * b));
  }

  record Polar(double r, double t) {}

  /**
   * A record result: the point at radius r and angle t, the residual the record itself. bwd is the
   * true transpose for x and twice it for y: ḡ = (g_x cos t + 2 g_y sin t, -g_x r sin t + 2 g_y r cos t).
   */
  @CustomVjp(fwd = "toPointFwd", bwd = "toPointBwd", order = 2)
  static Point toPoint(Polar p) {
    return new Point(p.r() * Math.cos(p.t()), p.r() * Math.sin(p.t()));
  }

  static io.jgrad.runtime.RecordFwd<Point, Polar> toPointFwd(Polar p) {
    return io.jgrad.runtime.RecordFwd.of(toPoint(p), p);
  }

  static Polar toPointBwd(Polar p, Point g) {
    double c = Math.cos(p.t());
    double s = Math.sin(p.t());
    return new Polar(g.x() * c + 2 * g.y() * s, -g.x() * p.r() * s + 2 * g.y() * p.r() * c);
  }
}

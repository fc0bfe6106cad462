package io.jgrad.examples.records;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.RecordFwd;

/**
 * Callers of order 2 of {@code @CustomVjp} rules with a record result: the caller's Hessian goes
 * reverse over reverse through the rule's pullback functions, which take the record's cotangent leaf
 * by leaf.
 */
final class RecordResultRuleCallers {
  private RecordResultRuleCallers() {}

  record Point(double x, double y) {}

  record Polar(double r, double t) {}

  /** (r cos t, r sin t), its bwd true for x and twice the truth for y. */
  @CustomVjp(fwd = "toPointFwd", bwd = "toPointBwd", order = 2)
  static Point toPoint(Polar p) {
    return new Point(p.r() * Math.cos(p.t()), p.r() * Math.sin(p.t()));
  }

  static RecordFwd<Point, Polar> toPointFwd(Polar p) {
    return RecordFwd.of(toPoint(p), p);
  }

  static Polar toPointBwd(Polar p, Point g) {
    double c = Math.cos(p.t());
    double s = Math.sin(p.t());
    return new Polar(g.x() * c + 2 * g.y() * s, -g.x() * p.r() * s + 2 * g.y() * p.r() * c);
  }

  /** x·y + x of the point. */
  @Differentiable(order = 2)
  static double product(double r, double t) {
    Point q = toPoint(new Polar(r, t));
    return q.x() * q.y() + q.x();
  }

  /** (r², r·t) with its true bwd. */
  @CustomVjp(fwd = "squaresFwd", bwd = "squaresBwd", order = 2)
  static Point squares(double r, double t) {
    return new Point(r * r, r * t);
  }

  static RecordFwd<Point, Point> squaresFwd(double r, double t) {
    return RecordFwd.of(new Point(r * r, r * t), new Point(r, t));
  }

  static RecordResultRuleCallersDerivatives.SquaresGrad squaresBwd(Point res, Point g) {
    return new RecordResultRuleCallersDerivatives.SquaresGrad(2 * res.x() * g.x() + res.y() * g.y(), res.x() * g.y());
  }

  /** sin(r²)·rt, through a rule that is the true derivative. */
  @Differentiable(order = 2)
  static double wave(double r, double t) {
    Point q = squares(r, t);
    return Math.sin(q.x()) * q.y();
  }
}

package io.jgrad.examples.records;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.RecordFwd;

/**
 * Callers of order 2 calling {@code @CustomVjp} rules with a record result inside a branch: the
 * pullback functions read the call's leaves in the branch, declared before it.
 */
final class RecordResultRuleBranches {
  private RecordResultRuleBranches() {}

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

  /** x·y + x of the point where r is positive, else r·t. */
  @Differentiable(order = 2)
  static double product(double r, double t) {
    double out = r * t;
    if (r > 0) {
      Point q = toPoint(new Polar(r, t));
      out = q.x() * q.y() + q.x();
    }
    return out;
  }

  /** (r², r·t) with its true bwd. */
  @CustomVjp(fwd = "squaresFwd", bwd = "squaresBwd", order = 2)
  static Point squares(double r, double t) {
    return new Point(r * r, r * t);
  }

  static RecordFwd<Point, Point> squaresFwd(double r, double t) {
    return RecordFwd.of(new Point(r * r, r * t), new Point(r, t));
  }

  static RecordResultRuleBranchesDerivatives.SquaresGrad squaresBwd(Point res, Point g) {
    return new RecordResultRuleBranchesDerivatives.SquaresGrad(
        2 * res.x() * g.x() + res.y() * g.y(), res.x() * g.y());
  }

  /** sin(r²)·rt where t is positive, else t³·r + r², by two calls in the branch. */
  @Differentiable(order = 2)
  static double waves(double r, double t) {
    double out = 0;
    if (t > 0) {
      Point q = squares(r, t);
      out = Math.sin(q.x()) * q.y();
    } else {
      Point q = squares(t, r);
      Point b = squares(r, r);
      out = q.x() * q.y() + b.y();
    }
    return out;
  }
}

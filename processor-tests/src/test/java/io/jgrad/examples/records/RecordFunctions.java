package io.jgrad.examples.records;

import io.jgrad.annotations.Differentiable;

/** Records as parameters, locals and results of differentiable functions (the notebook's pytrees). */
final class RecordFunctions {
  private RecordFunctions() {}

  record Point(double x, double y) {}

  /** A record with components that have no tangent: they stay as they are. */
  record Labeled(Point p, int n, String label) {}

  record Polar(double r, double theta) {}

  @Differentiable
  static double norm2(Point p) {
    return p.x() * p.x() + p.y() * p.y();
  }

  @Differentiable
  static Point rotate(Point p, double t) {
    double c = Math.cos(t);
    double s = Math.sin(t);
    return new Point(c * p.x() - s * p.y(), s * p.x() + c * p.y());
  }

  @Differentiable
  static double useRotate(Point p, double t) {
    Point q = rotate(p, t);
    return q.x() * q.y() + norm2(q);
  }

  @Differentiable
  static double scaled(Labeled l, double k) {
    return l.n() * k * l.p().x() + Math.sin(l.p().y()) * k;
  }

  @Differentiable
  static Polar toPolar(Point p) {
    return new Polar(Math.hypot(p.x(), p.y()), Math.atan2(p.y(), p.x()));
  }

  @Differentiable
  static double loop(Point p, int n) {
    Point q = p;
    for (int i = 0; i < n; i++) {
      q = new Point(q.x() * q.y(), q.x() + 0.5 * q.y());
      if (q.x() > 2) {
        q = new Point(q.y(), q.x() / 3);
      }
    }
    return q.x() + q.y() * q.y();
  }

  /** A conditional between records, and a record local that is copied. */
  @Differentiable
  static double larger(Point a, Point b) {
    Point m = norm2(a) > norm2(b) ? a : b;
    Point copy = m;
    return copy.x() * a.y();
  }

  /** A record result with components that have no tangent: they stay as they are. */
  @Differentiable
  static Labeled relabel(Labeled l, double k) {
    return new Labeled(new Point(k * l.p().x(), l.p().y() / k), l.n() + 1, l.label());
  }

  /** A caller reading both kinds of component of a call's record result. */
  @Differentiable
  static double useRelabel(Labeled l, double k) {
    Labeled r = relabel(l, k);
    return r.n() * r.p().x() + r.p().y();
  }
}

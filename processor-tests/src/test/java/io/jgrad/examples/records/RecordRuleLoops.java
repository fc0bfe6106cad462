package io.jgrad.examples.records;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.RecordFwd;

/**
 * Callers of order 2 of {@code @CustomVjp} rules with a record result in a loop or with a local
 * array: reverse over reverse keeps what the backward sweep needs in local arrays, the call's leaves
 * recomputed from its arguments, and each straight-line twin gives the same derivatives.
 */
final class RecordRuleLoops {
  private RecordRuleLoops() {}

  record Point(double x, double y) {}

  /** (a·b, a + b), its bwd doubling ∂(ab)/∂a. */
  @CustomVjp(fwd = "mixFwd", bwd = "mixBwd", order = 2)
  static Point mix(double a, double b) {
    return new Point(a * b, a + b);
  }

  static RecordFwd<Point, Point> mixFwd(double a, double b) {
    return RecordFwd.of(mix(a, b), new Point(a, b));
  }

  static RecordRuleLoopsDerivatives.MixGrad mixBwd(Point res, Point g) {
    return new RecordRuleLoopsDerivatives.MixGrad(2 * res.y() * g.x() + g.y(), res.x() * g.x() + g.y());
  }

  /** (a·b, a + b) with its true bwd. */
  @CustomVjp(fwd = "trueMixFwd", bwd = "trueMixBwd", order = 2)
  static Point trueMix(double a, double b) {
    return new Point(a * b, a + b);
  }

  static RecordFwd<Point, Point> trueMixFwd(double a, double b) {
    return RecordFwd.of(new Point(a * b, a + b), new Point(a, b));
  }

  static RecordRuleLoopsDerivatives.TrueMixGrad trueMixBwd(Point res, Point g) {
    return new RecordRuleLoopsDerivatives.TrueMixGrad(res.y() * g.x() + g.y(), res.x() * g.x() + g.y());
  }

  /** mix applied twice in a loop. */
  @Differentiable(order = 2)
  static double looped(double x, double y) {
    double s = x;
    for (int i = 0; i < 2; i++) {
      Point q = mix(s, y);
      s = q.x() + Math.sin(q.y());
    }
    return s;
  }

  /** {@link #looped} unrolled. */
  @Differentiable(order = 2)
  static double unrolled(double x, double y) {
    Point q = mix(x, y);
    double s = q.x() + Math.sin(q.y());
    Point r = mix(s, y);
    return r.x() + Math.sin(r.y());
  }

  /** {@link #unrolled} with one local taking both calls' records. */
  @Differentiable(order = 2)
  static double reassigned(double x, double y) {
    Point q = mix(x, y);
    double s = q.x() + Math.sin(q.y());
    q = mix(s, y);
    return q.x() + Math.sin(q.y());
  }

  /** {@link #looped} through the true rule, n times. */
  @Differentiable(order = 2)
  static double loopedTrue(double x, double y, int n) {
    double s = x;
    for (int i = 0; i < n; i++) {
      Point q = trueMix(s, y);
      s = q.x() + Math.sin(q.y());
    }
    return s;
  }

  /** A record result reaching mix in a loop: (s, y·s) after two trips. */
  @Differentiable(order = 2)
  static Point loopedPoint(double x, double y) {
    double s = x;
    for (int i = 0; i < 2; i++) {
      Point q = mix(s, y);
      s = q.x() + Math.sin(q.y());
    }
    return new Point(s, y * s);
  }

  /** {@link #loopedPoint} unrolled. */
  @Differentiable(order = 2)
  static Point unrolledPoint(double x, double y) {
    Point q = mix(x, y);
    double s = q.x() + Math.sin(q.y());
    Point r = mix(s, y);
    double t = r.x() + Math.sin(r.y());
    return new Point(t, y * t);
  }

  /** The leaves of mix(x, y) kept in a local array. */
  @Differentiable(order = 2)
  static double stored(double x, double y) {
    double[] v = new double[2];
    Point q = mix(x, y);
    v[0] = q.x();
    v[1] = q.y();
    return v[0] * Math.sin(v[1]);
  }
}

package io.jgrad.examples.records;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.Fwd;

/** Records as parameters of functions of order 2 and 3: a record is its leaves, differentiated again. */
final class RecordOrderExamples {
  private RecordOrderExamples() {}

  record Point(double x, double y) {}

  record Vec3(double a, double b, double c) {}

  record Pair(double b0, double b1) {}

  /** A nested record with a component that has no tangent. */
  record Dict(double a, Pair b, int n) {}

  @Differentiable(order = 2)
  static double energy(Point p) {
    return p.x() * p.x() * p.y() + Math.sin(p.x() * p.y());
  }

  /** A record of three components and a number. */
  @Differentiable(order = 2)
  static double cubic(Vec3 v, double k) {
    return k * v.a() * v.b() * v.c() + v.a() * v.a() * Math.exp(v.c());
  }

  /** Calls between record functions: a record built in the body and passed on. */
  @Differentiable(order = 2)
  static double useEnergy(Point p, double t) {
    Point q = new Point(p.x() * t, p.y() - t);
    return energy(q) + t * energy(p);
  }

  @Differentiable(order = 2)
  static double nested(Dict d) {
    return d.n() * d.a() * d.b().b0() + Math.exp(d.b().b1()) * d.a();
  }

  @Differentiable(order = 3)
  static double cubed(Point p) {
    return p.x() * p.x() * p.x() * p.y() + Math.cos(p.y());
  }

  /** An order-3 caller of an order-3 record function. */
  @Differentiable(order = 3)
  static double useCubed(Point p) {
    return cubed(new Point(p.y(), p.x())) * p.x();
  }

  /** A record with a custom rule that calls its primal, at order 2: √(x² + y²). */
  @CustomJvp(jvp = "radiusJvp", order = 2)
  static double radius(Point p) {
    return Math.sqrt(p.x() * p.x() + p.y() * p.y());
  }

  static Dual radiusJvp(Point p, Point pDot) {
    double ans = radius(p);
    return Dual.of(ans, (p.x() * pDot.x() + p.y() * pDot.y()) / ans);
  }

  /** A caller of the rule at order 2. */
  @Differentiable(order = 2)
  static double radiusSquared(Point p) {
    double r = radius(p);
    return r * r;
  }

  /** A record result with a component without tangent. */
  record Tagged(double u, double w, int n) {}

  /** A record result of a record and a number, at order 3. */
  @Differentiable(order = 3)
  static Tagged warp(Point p, double t) {
    double u = Math.sin(p.x() * t) + p.y() * p.y();
    if (p.x() > 0) {
      return new Tagged(u, p.x() * p.y() * t, 4);
    }
    return new Tagged(u, -p.y() * t, 5);
  }

  /** A record result from a number, at order 3. */
  @Differentiable(order = 3)
  static Point circle(double t) {
    return new Point(Math.cos(t), Math.sin(t) * t);
  }

  /** A function of numbers calling a record function at order 2. */
  @Differentiable(order = 2)
  static double onCurve(double t) {
    return energy(new Point(t, t * t));
  }

  @CustomVjp(fwd = "squareFwd", bwd = "squareBwd", order = 2)
  static double square(double x) {
    return x * x;
  }

  static Fwd<Double> squareFwd(double x) {
    return Fwd.of(x * x, x);
  }

  static double squareBwd(Double x, double g) {
    return 2 * x * g;
  }

  /** Reverse over reverse through a @CustomVjp rule and a record function. */
  @Differentiable(order = 2)
  static double squaredEnergy(double t, double s) {
    return square(energy(new Point(t, s * t)));
  }

  record FloatPoint(float x, float y) {}

  /** Float leaves and a float result: the gradient record keeps them float. */
  @Differentiable(order = 2)
  static float floatEnergy(FloatPoint p) {
    return p.x() * p.x() * p.y();
  }
}

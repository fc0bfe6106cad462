package io.jgrad.examples.compose;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/**
 * Differentiable functions that call generated entry points of order-2 functions with record
 * parameters: gradients read by component (nested records, a component without tangent), JVPs
 * along record directions, pullbacks and values, and a held gradient record.
 */
final class RecordDerivativeCalls {
  private RecordDerivativeCalls() {}

  record Point(double x, double y) {}

  /** A record with a component that has no tangent. */
  record Tagged(double u, int n) {}

  /** A nested record. */
  record Frame(double a, Point p) {}

  @Differentiable(order = 2)
  static double energy(Point p) {
    return p.x() * p.x() * p.y() + Math.sin(p.x() * p.y());
  }

  @Differentiable(order = 2)
  static double mixed(Point p, double t, Tagged s) {
    return t * p.x() * p.y() + s.n() * s.u() * p.x() + Math.exp(t * s.u());
  }

  @Differentiable(order = 2)
  static double framed(Frame f) {
    return f.a() * f.p().x() + f.p().y() * f.p().y() * f.a();
  }

  /** √(x² + y²) with a rule that calls its primal. */
  @CustomJvp(jvp = "radiusJvp", order = 2)
  static double radius(Point p) {
    return Math.sqrt(p.x() * p.x() + p.y() * p.y());
  }

  static Dual radiusJvp(Point p, Point pDot) {
    double ans = radius(p);
    return Dual.of(ans, (p.x() * pDot.x() + p.y() * pDot.y()) / ans);
  }

  /** One gradient step on a point, then the energy there: meta-learning over a record. */
  @Differentiable
  static double afterStep(double x, double y) {
    Point p = new Point(x, y);
    double gx = RecordDerivativeCallsDerivatives.energyGrad(p).x();
    double gy = RecordDerivativeCallsDerivatives.energyGrad(p).y();
    return energy(new Point(x - 0.1 * gx, y - 0.1 * gy));
  }

  /** JVPs along record directions that depend on the inputs, and the JVP's value. */
  @Differentiable
  static double alongDirections(double x, double y) {
    return RecordDerivativeCallsDerivatives.energyJvp(new Point(x, y), new Point(y, 1)).tangent()
        * RecordDerivativeCallsDerivatives.energyJvp(new Point(y, x), new Point(1, 0)).value();
  }

  /** A gradient record of a record, a number and a record with an int component, held in a local. */
  @Differentiable
  static double mixedReads(double x, double t) {
    Point p = new Point(x, t * x);
    Tagged s = new Tagged(t, 3);
    RecordDerivativeCallsDerivatives.MixedGrad g = RecordDerivativeCallsDerivatives.mixedGrad(p, t, s);
    return g.p().y() * g.t() + g.s().u() + RecordDerivativeCallsDerivatives.mixedVjp(p, t, s).pullback(x).p().x()
        + RecordDerivativeCallsDerivatives.mixedValueAndGrad(p, t, s).grad().t()
        * RecordDerivativeCallsDerivatives.mixedValueAndGrad(p, t, s).value();
  }

  /** A nested record's gradient read two levels deep, held in a local of the record's type. */
  @Differentiable
  static double nestedReads(double a, double y) {
    Frame g = RecordDerivativeCallsDerivatives.framedGrad(new Frame(a, new Point(a * y, y)));
    return g.p().y() * g.a() + RecordDerivativeCallsDerivatives.framedValueAndGrad(new Frame(y, new Point(a, a)))
        .grad().p().x();
  }

  /** As JAX's grad of a custom_jvp function's gradient: the rule's tangent differentiated as written. */
  @Differentiable
  static double radiusSlope(double x, double y) {
    return RecordDerivativeCallsDerivatives.radiusGrad(new Point(x, y)).x()
        + RecordDerivativeCallsDerivatives.radiusJvp(new Point(x, y), new Point(0, 1)).value();
  }

  @Differentiable(order = 3)
  static double cubed(Point p) {
    return p.x() * p.x() * p.x() * p.y() + Math.cos(p.y());
  }

  /** An order-2 caller of an order-3 record function: its Hessian is a third derivative of cubed. */
  @Differentiable(order = 2)
  static double cubedSlope(double x, double y) {
    return RecordDerivativeCallsDerivatives.cubedGrad(new Point(x, y)).y();
  }

  @Differentiable
  static double tagged(Tagged s) {
    return s.u() * s.n();
  }

  /**
   * Gradient records used whole: held, copied, passed to record functions, from fVjp's pullback, a
   * record component of a gradient record (its int component the argument's, as generated).
   */
  @Differentiable
  static double wholeGradients(double x, double y) {
    Point p = new Point(x, y);
    Point g = RecordDerivativeCallsDerivatives.energyGrad(p);
    Point h = g;
    Tagged s = new Tagged(x, 3);
    Point q = RecordDerivativeCallsDerivatives.mixedGrad(p, y, s).p();
    return energy(h) + energy(RecordDerivativeCallsDerivatives.energyVjp(p).pullback(y)) + energy(q)
        + tagged(RecordDerivativeCallsDerivatives.mixedGrad(p, y, s).s());
  }

  /** A JVP held in a local and copied to another. */
  @Differentiable
  static double copiedJvp(double x, double y) {
    Dual d = RecordDerivativeCallsDerivatives.energyJvp(new Point(x, y), new Point(1, x));
    Dual e = d;
    return e.tangent() * e.value();
  }
}

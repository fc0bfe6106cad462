package io.jgrad.examples.records;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * {@code @CustomVjp} rules on records, and record functions reaching a rule, at order 3 and 4: the
 * directional {@code fDerivative} through the flat function's pullback functions of pullback
 * functions, {@code bwd} differentiated as written at every order (JAX's {@code jacrev} applied n
 * times to a {@code custom_vjp} function of a pytree).
 */
final class RecordVjpRulesAtOrderThree {
  private RecordVjpRulesAtOrderThree() {}

  record Point(double x, double y) {}

  /**
   * sin(x)·y with a rule that is not its derivative: bwd (cos(x)·y²·g, sin(x)·g) from the residuals
   * (cos x, sin x, y), so that its derivatives of order 2 and 3 tell one direction from another.
   */
  @CustomVjp(fwd = "tiltFwd", bwd = "tiltBwd", order = 3)
  static double tilt(Point p) {
    return Math.sin(p.x()) * p.y();
  }

  static Fwd<double[]> tiltFwd(Point p) {
    return Fwd.of(Math.sin(p.x()) * p.y(), new double[] {Math.cos(p.x()), Math.sin(p.x()), p.y()});
  }

  static Point tiltBwd(double[] r, double g) {
    return new Point(r[0] * r[2] * r[2] * g, r[1] * g);
  }

  @CustomVjp(fwd = "sineFwd", bwd = "sineBwd", order = 4)
  static double sine(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> sineFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  /** Twice the true derivative: 2·cos(x)·g, differentiated as written (-2 sin x, -2 cos x, ...). */
  static double sineBwd(Double cos, double g) {
    return 2 * cos * g;
  }

  /** A record function reaching a rule over numbers: sine(x·y) + x·y². */
  @Differentiable(order = 3)
  static double reaches(Point p) {
    return sine(p.x() * p.y()) + p.x() * p.y() * p.y();
  }

  record Angle(double t) {}

  /** Order 4 over one leaf (the pullback functions multiply with each order): sine(t²). */
  @Differentiable(order = 4)
  static double reachesFour(Angle a) {
    return sine(a.t() * a.t());
  }

  /** A record function reaching the record rule, with a number parameter: tilt(x·k, y) + k²·x. */
  @Differentiable(order = 3)
  static double throughTilt(Point p, double k) {
    return tilt(new Point(p.x() * k, p.y())) + k * k * p.x();
  }

  /** tilt's H·v along eₓ read in a body, component y: H[y][x] = cos x, differentiated once more. */
  @Differentiable
  static double hvpRead(Point p) {
    return RecordVjpRulesAtOrderThreeDerivatives.tiltHvp(p, new Point(1, 0)).y() * p.y();
  }
}

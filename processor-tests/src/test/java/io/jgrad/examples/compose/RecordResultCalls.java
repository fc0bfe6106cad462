package io.jgrad.examples.compose;

import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Jvp;

/**
 * Callers of the generated entry points of a function with a record result, read at one leaf of
 * the record: fJvp's tangent and value, fVjp's pullback of a record cotangent and its value.
 */
final class RecordResultCalls {
  private RecordResultCalls() {}

  record Cartesian(double x, double y) {}

  /** Polar to Cartesian: (r cos t, r sin t). */
  @Differentiable(order = 2)
  static Cartesian polar(double r, double t) {
    return new Cartesian(r * Math.cos(t), r * Math.sin(t));
  }

  /** ∂x/∂t · ∂y/∂r + x = -r sin² t + r cos t. */
  @Differentiable
  static double tangents(double r, double t) {
    return RecordResultCallsDerivatives.polarJvp(r, t, 0, 1).tangent().x()
        * RecordResultCallsDerivatives.polarJvp(r, t, 1, 0).tangent().y()
        + RecordResultCallsDerivatives.polarJvp(r, t, 0, 1).value().x();
  }

  /** The pullback of the cotangent (r, 2) along t, plus y: -r² sin t + 2 r cos t + r sin t. */
  @Differentiable
  static double pullback(double r, double t) {
    return RecordResultCallsDerivatives.polarVjp(r, t).pullback(new Cartesian(r, 2)).t()
        + RecordResultCallsDerivatives.polarVjp(r, t).value().y();
  }

  /** A held result along (t, r): (t cos t - r² sin t) · r sin t. */
  @Differentiable
  static double held(double r, double t) {
    Jvp<Cartesian> d = RecordResultCallsDerivatives.polarJvp(r, t, t, r);
    return d.tangent().x() * d.value().y();
  }

  @Differentiable
  static double normSquared(Cartesian c) {
    return c.x() * c.x() + c.y() * c.y();
  }

  /** The tangent record along (1, 1) passed whole: |(cos t - r sin t, sin t + r cos t)|² = 1 + r². */
  @Differentiable
  static double wholeTangent(double r, double t) {
    return normSquared(RecordResultCallsDerivatives.polarJvp(r, t, 1, 1).tangent());
  }

  record Frame(double a, Cartesian p) {}

  /** A nested record result of a record and a number: (k x y, (k x, sin y)). */
  @Differentiable(order = 2)
  static Frame frame(Cartesian c, double k) {
    return new Frame(k * c.x() * c.y(), new Cartesian(k * c.x(), Math.sin(c.y())));
  }

  /** Nested leaves along a record direction: ∂(sin y)/∂y · y + k x y = y cos y + k x y at c = (r, t). */
  @Differentiable
  static double nestedLeaves(double r, double t) {
    Cartesian c = new Cartesian(r, t);
    return RecordResultCallsDerivatives.frameJvp(c, r, new Cartesian(0, t), 0).tangent().p().y()
        + RecordResultCallsDerivatives.frameVjp(c, r).value().a();
  }
}

package io.jgrad.examples.compose;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;

/**
 * Differentiable functions that call second-order entry points (fHessian read at constant indices,
 * fHvp read by component) of functions of order 3 and 4: their derivatives are third and fourth
 * derivatives of those functions.
 */
final class SecondOrderDerivativeCalls {
  private SecondOrderDerivativeCalls() {}

  record Point(double x, double y) {}

  @Differentiable(order = 3)
  static double loss(double w, double b) {
    return Math.exp(w * b) + w * w * b;
  }

  @Differentiable(order = 3)
  static double wave(double x) {
    return Math.sin(x) * x;
  }

  @Differentiable(order = 3)
  static double energy(Point p) {
    return p.x() * p.x() * p.y() + Math.sin(p.x() * p.y());
  }

  @Differentiable(order = 4)
  static double quartic(double x) {
    return Math.exp(x) * x;
  }

  /** The trace of loss's Hessian, from entries at constant indices. */
  @Differentiable
  static double trace(double w, double b) {
    return SecondOrderDerivativeCallsDerivatives.lossHessian(w, b)[0][0]
        + SecondOrderDerivativeCallsDerivatives.lossHessian(w, b)[1][1];
  }

  /** A Newton step on wave's derivative: one parameter's Hessian is a number. */
  @Differentiable
  static double newton(double x) {
    return x - SecondOrderDerivativeCallsDerivatives.waveGrad(x) / SecondOrderDerivativeCallsDerivatives.waveHessian(x);
  }

  /** Hessian-vector products along input-dependent directions, on a local and on the call. */
  @Differentiable
  static double hvpReads(double w, double b) {
    SecondOrderDerivativeCallsDerivatives.LossGrad hv = SecondOrderDerivativeCallsDerivatives.lossHvp(w, b, b, 1);
    return hv.w() * w + SecondOrderDerivativeCallsDerivatives.lossHvp(w, b, 1, w).b();
  }

  /** A Hessian held in a local, read at constant indices. */
  @Differentiable
  static double heldHessian(double w, double b) {
    double[][] h = SecondOrderDerivativeCallsDerivatives.lossHessian(w, b);
    return h[0][1] * h[1][0];
  }

  /** A record function's Hessian over its leaves, and its HVP along a record direction. */
  @Differentiable
  static double energyCurvature(double x, double y) {
    return SecondOrderDerivativeCallsDerivatives.energyHessian(new Point(x, y))[0][1]
        + SecondOrderDerivativeCallsDerivatives.energyHvp(new Point(x, y), new Point(1, y)).x();
  }

  /** An order-2 caller of an order-4 function's Hessian. */
  @Differentiable(order = 2)
  static double curvature(double x) {
    return SecondOrderDerivativeCallsDerivatives.quarticHessian(x);
  }

  /**
   * sin(x)·y with rules whose tangent is not a gradient: tₓ = 2y·cos x, t_y = 3·ans, ans having the
   * rule's own tangent, so the matrix of its second derivatives, J[i][j] = ∂ⱼtᵢ, is not symmetric
   * (∂_y tₓ = 2 cos x, ∂ₓt_y = 3tₓ = 6y cos x).
   */
  @CustomJvp(jvps = {"skewJvpX", "skewJvpY"}, order = 3)
  static double skew(double x, double y) {
    return Math.sin(x) * y;
  }

  static double skewJvpX(double xDot, double ans, double x, double y) {
    return 2 * Math.cos(x) * y * xDot;
  }

  static double skewJvpY(double yDot, double ans, double x, double y) {
    return 3 * ans * yDot;
  }

  /** skew's fHvp along (1, 0) read by component in a body: J·v, as the generated fHvp returns it. */
  @Differentiable
  static double skewHvpReads(double x, double y) {
    return SecondOrderDerivativeCallsDerivatives.skewHvp(x, y, 1, 0).y()
        + y * SecondOrderDerivativeCallsDerivatives.skewHvp(x, y, 1, 0).x();
  }
}

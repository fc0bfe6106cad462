package io.jgrad.examples.compose;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/**
 * Derivative calls in callers of order 2 and 3: the caller's derivatives of order k are derivatives
 * of order k + 1 of the function it calls, which therefore has order k + 1 at least.
 */
final class HigherOrderDerivativeCalls {
  private HigherOrderDerivativeCalls() {}

  @Differentiable(order = 4)
  static double wave(double x) {
    return Math.sin(x) * x;
  }

  /** wave'(x) through fJvp, of order 3: its derivatives are wave'', wave''' and wave''''. */
  @Differentiable(order = 3)
  static double slope(double x) {
    return HigherOrderDerivativeCallsDerivatives.waveJvp(x, 1).tangent();
  }

  /** The jvp of slope, itself a jvp of wave: wave'' with derivatives up to wave'''' (jvp of jvp of jvp). */
  @Differentiable(order = 2)
  static double curvature(double x) {
    return HigherOrderDerivativeCallsDerivatives.slopeJvp(x, 1).tangent();
  }

  @Differentiable(order = 3)
  static double loss(double w, double b) {
    return Math.exp(w * b) + w * w * b;
  }

  /** The loss after one gradient step from (w, b), of order 2: its Hessian goes through loss's third derivatives. */
  @Differentiable(order = 2)
  static double afterStep(double w, double b) {
    HigherOrderDerivativeCallsDerivatives.LossGrad g = HigherOrderDerivativeCallsDerivatives.lossGrad(w, b);
    return loss(w - 0.1 * g.w(), b - 0.1 * g.b());
  }

  /** A pullback, a value and a gradient read in an order-2 caller. */
  @Differentiable(order = 2)
  static double mixedReads(double w, double b) {
    return HigherOrderDerivativeCallsDerivatives.lossVjp(w, b).pullback(w).b()
        + HigherOrderDerivativeCallsDerivatives.lossValueAndGrad(w, b).value() * b
        + HigherOrderDerivativeCallsDerivatives.waveGrad(w * b);
  }

  /** A rule whose tangent, 2·cos x, is not the derivative of its value: the rule decides at every order. */
  @CustomJvp(jvp = "doubledJvp", order = 3)
  static double doubled(double x) {
    return Math.sin(x);
  }

  static Dual doubledJvp(double x, double xDot) {
    return Dual.of(doubled(x), 2 * Math.cos(x) * xDot);
  }

  /** As JAX's grad of grad of grad(doubled): the rule's tangent differentiated as written. */
  @Differentiable(order = 2)
  static double doubledSlope(double x) {
    return HigherOrderDerivativeCallsDerivatives.doubledGrad(x);
  }

  /** The JVP's value is the rule's, whose derivatives go through the rule again (it calls doubled). */
  @Differentiable(order = 2)
  static double doubledValue(double x) {
    return HigherOrderDerivativeCallsDerivatives.doubledJvp(x, 1).value() * x;
  }
}

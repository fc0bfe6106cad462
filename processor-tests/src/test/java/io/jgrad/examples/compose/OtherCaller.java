package io.jgrad.examples.compose;

import io.jgrad.annotations.Differentiable;

/** Derivative calls into another class: the JVP's tangent and a gradient component of DerivativeCalls' functions. */
final class OtherCaller {
  private OtherCaller() {}

  @Differentiable
  static double curvature(double x, double y) {
    return DerivativeCallsDerivatives.waveJvp(x, y).tangent() * y
        + io.jgrad.examples.compose.DerivativeCallsDerivatives.lossGrad(x, y).b();
  }
}

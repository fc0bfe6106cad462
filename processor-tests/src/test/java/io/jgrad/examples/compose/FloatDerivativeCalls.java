package io.jgrad.examples.compose;

import io.jgrad.annotations.Differentiable;

/**
 * Differentiable functions that call generated entry points of order-2 functions of {@code float}s
 * (and of a double with a float result): floats widened and narrowed as at first order.
 */
final class FloatDerivativeCalls {
  private FloatDerivativeCalls() {}

  @Differentiable(order = 2)
  static float cube(float a) {
    return a * a * a;
  }

  @Differentiable(order = 2)
  static double floatsToDouble(float a, float b) {
    return a * b + Math.sin(a);
  }

  @Differentiable(order = 2)
  static float narrowed(double x) {
    return (float) (x * x);
  }

  /** A float gradient widened: 3x² · x. */
  @Differentiable
  static double cubeSlope(double x) {
    return FloatDerivativeCallsDerivatives.cubeGrad((float) x) * x;
  }

  /** A gradient record's float component, a JVP's tangent, a narrowed result's tangent, a pullback. */
  @Differentiable
  static double mixedReads(double x, double y) {
    return FloatDerivativeCallsDerivatives.floatsToDoubleGrad((float) x, (float) y).a()
        * FloatDerivativeCallsDerivatives.floatsToDoubleJvp((float) x, (float) y, 1, 0).tangent()
        + FloatDerivativeCallsDerivatives.narrowedJvp(x, y).tangent()
        + FloatDerivativeCallsDerivatives.floatsToDoubleVjp((float) x, (float) y).pullback(y).b();
  }

  @Differentiable(order = 3)
  static float quartic(float a) {
    return a * a * a * a;
  }

  /** A float caller of order 2: the JVP's float tangent along its own input, 4a⁴. */
  @Differentiable(order = 2)
  static float floatCaller(float a) {
    return FloatDerivativeCallsDerivatives.quarticJvp(a, a).tangent();
  }
}

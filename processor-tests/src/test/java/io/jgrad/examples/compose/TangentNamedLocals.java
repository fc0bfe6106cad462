package io.jgrad.examples.compose;

import io.jgrad.annotations.Differentiable;

/**
 * Functions whose bodies hold a local named like their tangent parameters ({@code xDot}), read
 * through derivative calls: their tangent functions' reverse modes rename the local apart.
 */
final class TangentNamedLocals {
  private TangentNamedLocals() {}

  /** x²·sin x, through a local named like x's tangent. */
  @Differentiable(order = 3)
  static double bent(double x) {
    double xDot = Math.sin(x);
    return xDot * x * x;
  }

  /** bent'(x), read from bentJvp. */
  @Differentiable(order = 2)
  static double bentSlope(double x) {
    return TangentNamedLocalsDerivatives.bentJvp(x, 1).tangent();
  }

  /** yᵢ = xᵢ·sin(a·xᵢ), built in a local named like x's tangent. */
  @Differentiable(order = 2)
  static double[] waves(double a, double[] x) {
    double[] xDot = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      xDot[i] = x[i] * Math.sin(a * x[i]);
    }
    return xDot;
  }

  /** |J·(1, v)|², the tangent of waves read into a local array. */
  @Differentiable
  static double wavesEnergy(double a, double[] x, double[] v) {
    double[] t = TangentNamedLocalsDerivatives.wavesJvp(a, x, 1.0, v).tangent();
    double s = 0;
    for (int i = 0; i < t.length; i++) {
      s += t[i] * t[i];
    }
    return s;
  }
}

package io.jgrad.examples.compose;

import io.jgrad.annotations.Differentiable;

/**
 * Calls given a local array that the body writes after the call: each call's pullback must read the
 * array as it was at the call, not its later value.
 */
final class ArraysChangedAfterCalls {
  private ArraysChangedAfterCalls() {}

  /** (x₀x₁, x₁², sin x₀): an order-2 function with a double[] result. */
  @Differentiable(order = 2)
  static double[] spread(double[] x) {
    double[] y = new double[3];
    y[0] = x[0] * x[1];
    y[1] = x[1] * x[1];
    y[2] = Math.sin(x[0]);
    return y;
  }

  /** w₀²w₁ + sin w₁: an order-2 function of an array, whose gradient a caller reads. */
  @Differentiable(order = 2)
  static double energy(double[] w) {
    return w[0] * w[0] * w[1] + Math.sin(w[1]);
  }

  /** uᵀ·J pulled back twice through the same local array u, changed between the calls. */
  @Differentiable
  static double pulledTwiceThroughOneArray(double[] x, double t) {
    double[] u = new double[3];
    u[0] = t;
    u[1] = t * t;
    u[2] = 1;
    double[] g = ArraysChangedAfterCallsDerivatives.spreadVjp(x).pullback(u);
    u[0] = 3 * t;
    u[2] = x[0];
    double[] h = ArraysChangedAfterCallsDerivatives.spreadVjp(x).pullback(u);
    return g[0] * g[1] + h[0] * x[1] + h[1];
  }

  /** The same with a second array instead of u changed. */
  @Differentiable
  static double pulledThroughTwoArrays(double[] x, double t) {
    double[] u = new double[3];
    u[0] = t;
    u[1] = t * t;
    u[2] = 1;
    double[] g = ArraysChangedAfterCallsDerivatives.spreadVjp(x).pullback(u);
    double[] v = new double[3];
    v[0] = 3 * t;
    v[1] = t * t;
    v[2] = x[0];
    double[] h = ArraysChangedAfterCallsDerivatives.spreadVjp(x).pullback(v);
    return g[0] * g[1] + h[0] * x[1] + h[1];
  }

  /** The point x itself a local array, changed between two pullbacks. */
  @Differentiable
  static double pulledAtAPointChangedLater(double[] x, double t) {
    double[] p = new double[2];
    p[0] = x[0] * t;
    p[1] = x[1];
    double[] u = new double[3];
    u[0] = t;
    u[1] = 1;
    u[2] = x[1];
    double[] g = ArraysChangedAfterCallsDerivatives.spreadVjp(p).pullback(u);
    p[0] = x[1] + t;
    double[] h = ArraysChangedAfterCallsDerivatives.spreadVjp(p).pullback(u);
    return g[0] * g[1] + h[0] * x[1] + h[1];
  }

  /** J·v twice through the same local direction v, changed between the calls. */
  @Differentiable
  static double tangentTwiceThroughOneArray(double[] x, double t) {
    double[] v = new double[2];
    v[0] = t;
    v[1] = t * x[0];
    double[] a = ArraysChangedAfterCallsDerivatives.spreadJvp(x, v).tangent();
    v[0] = x[1];
    v[1] += 2;
    double[] b = ArraysChangedAfterCallsDerivatives.spreadJvp(x, v).tangent();
    return a[0] * a[2] + b[1] * t + b[0];
  }

  /** ∇energy twice at the same local array w, changed between the calls. */
  @Differentiable
  static double gradientTwiceAtOneArray(double[] x, double t) {
    double[] w = new double[2];
    w[0] = x[0] * t;
    w[1] = x[1];
    double[] g = ArraysChangedAfterCallsDerivatives.energyGrad(w);
    w[0] = t;
    double[] h = ArraysChangedAfterCallsDerivatives.energyGrad(w);
    return g[0] * g[1] + h[0] * x[1] + h[1];
  }

  /** spread(u) itself twice through the same local array u, changed between the calls. */
  @Differentiable
  static double calledTwiceWithOneArray(double[] x, double t) {
    double[] u = new double[2];
    u[0] = x[0] * t;
    u[1] = x[1];
    double[] a = spread(u);
    System.arraycopy(x, 0, u, 0, 2);
    double[] b = spread(u);
    return a[0] * a[2] + b[1] * t + b[0];
  }

  /**
   * The primal point z, a local array, wholly changed after the call: the first call's derivative
   * must read z as it was.
   */
  @Differentiable
  static double pulledAtAPointChangedAfterTheCall(double[] x, double t) {
    double[] z = new double[2];
    z[0] = x[0] * t;
    z[1] = x[1];
    double[] u = new double[3];
    u[0] = t;
    u[1] = 1;
    u[2] = x[1];
    double[] g = ArraysChangedAfterCallsDerivatives.spreadVjp(z).pullback(u);
    z[0] = x[1];
    z[1] = t;
    double[] h = ArraysChangedAfterCallsDerivatives.spreadVjp(z).pullback(u);
    return g[0] * g[1] + h[0] * h[1];
  }

  /** b·Σ wᵢ³/3 + b·w₀w₁ + b³/6, as GradientComponentsAtOrderTwo.cubic. */
  @Differentiable(order = 3)
  static double cubic(double[] w, double b) {
    double s = b * w[0] * w[1] + b * b * b / 6;
    for (int i = 0; i < w.length; i++) {
      s += b * w[i] * w[i] * w[i] / 3;
    }
    return s;
  }

  /**
   * fGrad(v, b).w() read at order 2 twice through one local array v changed between the calls,
   * which fGradientWVjp would read when the pullback runs.
   */
  @Differentiable(order = 2)
  static double gradientsOfOneArrayChangedBetween(double[] w, double b) {
    double[] v = new double[2];
    v[0] = w[0] * b;
    v[1] = w[1];
    double[] g1 = ArraysChangedAfterCallsDerivatives.cubicGrad(v, b).w();
    v[0] = w[1] * w[1];
    double[] g2 = ArraysChangedAfterCallsDerivatives.cubicGrad(v, b).w();
    return g1[0] * g2[1] + g1[1] * g2[0];
  }
}

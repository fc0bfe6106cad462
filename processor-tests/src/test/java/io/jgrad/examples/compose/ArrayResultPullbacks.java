package io.jgrad.examples.compose;

import io.jgrad.annotations.Differentiable;

/**
 * Differentiable functions that read {@code fVjp(x).pullback(u)} (uᵀ·J) of order-2 functions with a
 * {@code double[]} result: over doubles, component by component and whole, and over a
 * {@code double[]}, into a local array and in place, through {@code fVjpFunction}.
 */
final class ArrayResultPullbacks {
  private ArrayResultPullbacks() {}

  /** A curve (cos kt, sin t, kt²). */
  @Differentiable(order = 2)
  static double[] curve(double t, double k) {
    double[] c = new double[3];
    c[0] = Math.cos(k * t);
    c[1] = Math.sin(t);
    c[2] = k * t * t;
    return c;
  }

  /** k·(uᵀ·∂c/∂t) + uᵀ·∂c/∂k with u = (t, k, 1), a local array. */
  @Differentiable
  static double pulled(double t, double k) {
    double[] u = new double[3];
    u[0] = t;
    u[1] = k;
    u[2] = 1;
    return k * ArrayResultPullbacksDerivatives.curveVjp(t, k).pullback(u).t()
        + ArrayResultPullbacksDerivatives.curveVjp(t, k).pullback(u).k();
  }

  /** (cos t, sin t). */
  @Differentiable(order = 2)
  static double[] circle(double t) {
    double[] c = new double[2];
    c[0] = Math.cos(t);
    c[1] = Math.sin(t);
    return c;
  }

  /** t·uᵀ·c'(t), the pullback of one parameter held in a local number. */
  @Differentiable
  static double circlePulled(double t, double[] u) {
    double g = ArrayResultPullbacksDerivatives.circleVjp(t).pullback(u);
    return g * t;
  }

  /** (x₀x₁, x₁², sin x₀). */
  @Differentiable(order = 2)
  static double[] spread(double[] x) {
    double[] y = new double[3];
    y[0] = x[0] * x[1];
    y[1] = x[1] * x[1];
    y[2] = Math.sin(x[0]);
    return y;
  }

  /** g₀g₁ + g₁x₀ with g = uᵀ·J: into a local array, then in place. */
  @Differentiable
  static double spreadPulled(double[] x, double[] u) {
    double[] g = ArrayResultPullbacksDerivatives.spreadVjp(x).pullback(u);
    return g[0] * g[1] + ArrayResultPullbacksDerivatives.spreadVjp(x).pullback(u)[1] * x[0];
  }

  /** yᵢ = sin(a·xᵢ) + a·xᵢ². */
  @Differentiable(order = 2)
  static double[] features(double a, double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.sin(a * x[i]) + a * x[i] * x[i];
    }
    return y;
  }

  /** uᵀ·∂y/∂a + Σᵢ (uᵀ·∂y/∂x)ᵢ·xᵢ: the array component into a local, the number on the call. */
  @Differentiable
  static double featuresPulled(double a, double[] x, double[] u) {
    double[] gx = ArrayResultPullbacksDerivatives.featuresVjp(a, x).pullback(u).x();
    double s = ArrayResultPullbacksDerivatives.featuresVjp(a, x).pullback(u).a();
    for (int i = 0; i < x.length; i++) {
      s += gx[i] * x[i];
    }
    return s;
  }
}

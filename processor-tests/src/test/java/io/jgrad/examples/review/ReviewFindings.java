package io.jgrad.examples.review;

import io.jgrad.annotations.Differentiable;

/** Shapes one step from today's tested ones whose derivatives are wrong (review of 8c82c7d..eb55aff). */
final class ReviewFindings {
  private ReviewFindings() {}

  /** (x₀x₁, x₁², sin x₀): an order-2 function with a double[] result, as ArrayResultPullbacks.spread. */
  @Differentiable(order = 2)
  static double[] spread(double[] x) {
    double[] y = new double[3];
    y[0] = x[0] * x[1];
    y[1] = x[1] * x[1];
    y[2] = Math.sin(x[0]);
    return y;
  }

  /**
   * Finding 1: uᵀ·J pulled back twice through the same local array u, changed between the calls.
   * The first call's Vjp keeps a reference to u, so its reverse pass reads u's later value.
   */
  @Differentiable
  static double pulledTwiceThroughOneArray(double[] x, double t) {
    double[] u = new double[3];
    u[0] = t;
    u[1] = t * t;
    u[2] = 1;
    double[] g = ReviewFindingsDerivatives.spreadVjp(x).pullback(u);
    u[0] = 3 * t;
    u[2] = x[0];
    double[] h = ReviewFindingsDerivatives.spreadVjp(x).pullback(u);
    return g[0] * g[1] + h[0] * x[1] + h[1];
  }

  /** The same with a second array instead of u changed: the control, whose gradient is right. */
  @Differentiable
  static double pulledThroughTwoArrays(double[] x, double t) {
    double[] u = new double[3];
    u[0] = t;
    u[1] = t * t;
    u[2] = 1;
    double[] g = ReviewFindingsDerivatives.spreadVjp(x).pullback(u);
    double[] v = new double[3];
    v[0] = 3 * t;
    v[1] = t * t;
    v[2] = x[0];
    double[] h = ReviewFindingsDerivatives.spreadVjp(x).pullback(v);
    return g[0] * g[1] + h[0] * x[1] + h[1];
  }
}

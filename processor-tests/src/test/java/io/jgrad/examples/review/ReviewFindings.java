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

  /**
   * Finding 1b: the same through the primal point, a local array z changed after the call: the
   * first call's Vjp reads z's later value in its reverse pass.
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
    double[] g = ReviewFindingsDerivatives.spreadVjp(z).pullback(u);
    z[0] = x[1];
    z[1] = t;
    double[] h = ReviewFindingsDerivatives.spreadVjp(z).pullback(u);
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
   * Finding 3: fGrad(v, b).w() read at order 2 twice through one local array v changed between the
   * calls: fGradientWVjp keeps a reference to v (order 1 reads the same way, as in GradientFunctionEmitter).
   */
  @Differentiable(order = 2)
  static double gradientsOfOneArrayChangedBetween(double[] w, double b) {
    double[] v = new double[2];
    v[0] = w[0] * b;
    v[1] = w[1];
    double[] g1 = ReviewFindingsDerivatives.cubicGrad(v, b).w();
    v[0] = w[1] * w[1];
    double[] g2 = ReviewFindingsDerivatives.cubicGrad(v, b).w();
    return g1[0] * g2[1] + g1[1] * g2[0];
  }
}

package io.jgrad.bench.hand;

import io.jgrad.bench.workload.Newton;

/** Hand-written adjoint of the Newton workload, through the iterations as they ran. */
public final class HandNewton {
  private HandNewton() {}

  /**
   * Gradient of {@code Σ_i x_i²} with respect to {@code (a, c)}, {@code ∂/∂a} first. Elements are
   * independent, so each element's Newton iterates are stored in one small buffer and its adjoint
   * runs back through them at once.
   */
  public static double[] grad(double a, double[] c) {
    double[] g = new double[c.length + 1];
    double[] iterates = new double[Newton.MAX_TRIPS];
    double aBar = 0;
    for (int i = 0; i < c.length; i++) {
      double x = 1;
      double step = 1;
      int trips = 0;
      while (Math.abs(step) >= Newton.TOLERANCE && trips < Newton.MAX_TRIPS) {
        iterates[trips] = x;
        double fx = x * x * x + a * x - c[i];
        double slope = 3 * x * x + a;
        step = fx / slope;
        x -= step;
        trips++;
      }
      // x_{k+1} = x_k - F/S with F = x³ + a x - c, S = 3x² + a (at x_k)
      double xBar = 2 * x;
      double cBar = 0;
      for (int k = trips - 1; k >= 0; k--) {
        double xk = iterates[k];
        double fx = xk * xk * xk + a * xk - c[i];
        double slope = 3 * xk * xk + a;
        double stepBar = -xBar;
        double fBar = stepBar / slope;
        double slopeBar = -stepBar * fx / (slope * slope);
        // F: ∂x = S, ∂a = x, ∂c = -1; S: ∂x = 6x, ∂a = 1
        aBar += fBar * xk + slopeBar;
        cBar -= fBar;
        xBar += fBar * slope + slopeBar * 6 * xk;
      }
      g[i + 1] = cBar;
    }
    g[0] = aBar;
    return g;
  }
}

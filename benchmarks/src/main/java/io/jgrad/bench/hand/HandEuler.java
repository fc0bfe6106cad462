package io.jgrad.bench.hand;

/** Hand-written adjoint (reverse-mode) gradient of the explicit-Euler Lotka–Volterra workload. */
public final class HandEuler {
  private HandEuler() {}

  /**
   * Gradient of {@code u + v} at the end with respect to {@code (a, b, c, d)}: a forward sweep that
   * stores the trajectory, then the discrete adjoint sweep back through the steps.
   */
  public static double[] grad(
      double a, double b, double c, double d, double u0, double v0, double dt, int steps) {
    double[] us = new double[steps];
    double[] vs = new double[steps];
    double u = u0;
    double v = v0;
    for (int k = 0; k < steps; k++) {
      us[k] = u;
      vs[k] = v;
      double du = a * u - b * u * v;
      double dv = d * u * v - c * v;
      u += dt * du;
      v += dt * dv;
    }
    double uBar = 1;
    double vBar = 1;
    double aBar = 0;
    double bBar = 0;
    double cBar = 0;
    double dBar = 0;
    for (int k = steps - 1; k >= 0; k--) {
      u = us[k];
      v = vs[k];
      double uv = u * v;
      aBar += uBar * dt * u;
      bBar -= uBar * dt * uv;
      cBar -= vBar * dt * v;
      dBar += vBar * dt * uv;
      double uBarPrev = uBar * (1 + dt * (a - b * v)) + vBar * dt * d * v;
      double vBarPrev = -uBar * dt * b * u + vBar * (1 + dt * (d * u - c));
      uBar = uBarPrev;
      vBar = vBarPrev;
    }
    return new double[] {aBar, bBar, cBar, dBar};
  }
}

package io.jgrad.bench.hand;

/** Hand-written adjoint (reverse-mode) gradient of the RK4 Lorenz-96 workload. */
public final class HandRk4 {
  private HandRk4() {}

  /**
   * Gradient of {@code Σ y_k²} at the end with respect to {@code (y0, f)}, as {@code n + 1}
   * numbers: {@code ∂/∂y0} then {@code ∂/∂f}. A forward sweep stores the four stage inputs of
   * every step; the adjoint sweep runs back through the steps and, within a step, back through
   * the stages.
   */
  public static double[] grad(double[] y0, double f, double dt, int steps) {
    int n = y0.length;
    // stages[s][q] is the point where stage q of step s evaluates the right-hand side (q = 0: y itself)
    double[][][] stages = new double[steps][4][n];
    double[] y = y0.clone();
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    for (int s = 0; s < steps; s++) {
      double[][] z = stages[s];
      System.arraycopy(y, 0, z[0], 0, n);
      rhs(z[0], f, k1);
      for (int i = 0; i < n; i++) {
        z[1][i] = y[i] + 0.5 * dt * k1[i];
      }
      rhs(z[1], f, k2);
      for (int i = 0; i < n; i++) {
        z[2][i] = y[i] + 0.5 * dt * k2[i];
      }
      rhs(z[2], f, k3);
      for (int i = 0; i < n; i++) {
        z[3][i] = y[i] + dt * k3[i];
      }
      rhs(z[3], f, k4);
      for (int i = 0; i < n; i++) {
        y[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
    }
    double[] yBar = new double[n];
    for (int i = 0; i < n; i++) {
      yBar[i] = 2 * y[i];
    }
    double[] kBar = new double[n];
    double[] zBar = new double[n];
    double[] yBarOut = new double[n];
    double fBar = 0;
    for (int s = steps - 1; s >= 0; s--) {
      double[][] z = stages[s];
      // y_next = y + dt/6 (k1 + 2 k2 + 2 k3 + k4): yBar flows to y unchanged, and into each k.
      System.arraycopy(yBar, 0, yBarOut, 0, n);
      // stage 4: k4 = g(z3), z3 = y + dt k3
      for (int i = 0; i < n; i++) {
        kBar[i] = dt / 6 * yBar[i];
      }
      fBar += rhsAdjoint(z[3], kBar, zBar);
      for (int i = 0; i < n; i++) {
        yBarOut[i] += zBar[i];
        kBar[i] = dt / 3 * yBar[i] + dt * zBar[i];
      }
      // stage 3: k3 = g(z2), z2 = y + dt/2 k2
      fBar += rhsAdjoint(z[2], kBar, zBar);
      for (int i = 0; i < n; i++) {
        yBarOut[i] += zBar[i];
        kBar[i] = dt / 3 * yBar[i] + 0.5 * dt * zBar[i];
      }
      // stage 2: k2 = g(z1), z1 = y + dt/2 k1
      fBar += rhsAdjoint(z[1], kBar, zBar);
      for (int i = 0; i < n; i++) {
        yBarOut[i] += zBar[i];
        kBar[i] = dt / 6 * yBar[i] + 0.5 * dt * zBar[i];
      }
      // stage 1: k1 = g(y)
      fBar += rhsAdjoint(z[0], kBar, zBar);
      for (int i = 0; i < n; i++) {
        yBar[i] = yBarOut[i] + zBar[i];
      }
    }
    double[] g = new double[n + 1];
    System.arraycopy(yBar, 0, g, 0, n);
    g[n] = fBar;
    return g;
  }

  /** {@code k = g(z)}: the Lorenz-96 right-hand side. */
  private static void rhs(double[] z, double f, double[] k) {
    int n = z.length;
    for (int i = 0; i < n; i++) {
      k[i] = (z[(i + 1) % n] - z[(i + n - 2) % n]) * z[(i + n - 1) % n] - z[i] + f;
    }
  }

  /** {@code zBar = (∂g/∂z)ᵀ kBar} at {@code z}; returns {@code (∂g/∂f)ᵀ kBar = Σ kBar}. */
  private static double rhsAdjoint(double[] z, double[] kBar, double[] zBar) {
    int n = z.length;
    java.util.Arrays.fill(zBar, 0);
    double fBar = 0;
    for (int i = 0; i < n; i++) {
      int ip1 = (i + 1) % n;
      int im1 = (i + n - 1) % n;
      int im2 = (i + n - 2) % n;
      double kb = kBar[i];
      zBar[ip1] += kb * z[im1];
      zBar[im2] -= kb * z[im1];
      zBar[im1] += kb * (z[ip1] - z[im2]);
      zBar[i] -= kb;
      fBar += kb;
    }
    return fBar;
  }
}

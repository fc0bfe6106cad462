package io.jgrad.bench.hand;

/** Hand-written adjoint (reverse-mode) gradient of the RK4 Lorenz-96 workload. */
public final class HandRk4 {
  private HandRk4() {}

  /**
   * Gradient of {@code Σ y_k²} at the end with respect to {@code (y0, f)}, as {@code n + 1}
   * numbers: {@code ∂/∂y0} then {@code ∂/∂f}. A forward sweep stores the four stage inputs of
   * every step in one flat array; the adjoint sweep runs back through the steps and, within a
   * step, back through the stages. The cyclic neighbours' indices are computed once.
   */
  public static double[] grad(double[] y0, double f, double dt, int steps) {
    int n = y0.length;
    int[] next = new int[n];
    int[] prev = new int[n];
    int[] prev2 = new int[n];
    for (int i = 0; i < n; i++) {
      next[i] = (i + 1) % n;
      prev[i] = (i + n - 1) % n;
      prev2[i] = (i + n - 2) % n;
    }
    // stage q of step s evaluates the right-hand side at stages[(4 s + q) n ..] (q = 0: y itself)
    double[] stages = new double[4 * n * steps];
    double[] y = y0.clone();
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    for (int s = 0; s < steps; s++) {
      int z0 = 4 * n * s;
      int z1 = z0 + n;
      int z2 = z1 + n;
      int z3 = z2 + n;
      System.arraycopy(y, 0, stages, z0, n);
      rhs(stages, z0, f, k1, next, prev, prev2);
      for (int i = 0; i < n; i++) {
        stages[z1 + i] = y[i] + 0.5 * dt * k1[i];
      }
      rhs(stages, z1, f, k2, next, prev, prev2);
      for (int i = 0; i < n; i++) {
        stages[z2 + i] = y[i] + 0.5 * dt * k2[i];
      }
      rhs(stages, z2, f, k3, next, prev, prev2);
      for (int i = 0; i < n; i++) {
        stages[z3 + i] = y[i] + dt * k3[i];
      }
      rhs(stages, z3, f, k4, next, prev, prev2);
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
      int z0 = 4 * n * s;
      // y_next = y + dt/6 (k1 + 2 k2 + 2 k3 + k4): yBar flows to y unchanged, and into each k
      System.arraycopy(yBar, 0, yBarOut, 0, n);
      // stage 4: k4 = g(z3), z3 = y + dt k3
      for (int i = 0; i < n; i++) {
        kBar[i] = dt / 6 * yBar[i];
      }
      fBar += rhsAdjoint(stages, z0 + 3 * n, kBar, zBar, next, prev, prev2);
      for (int i = 0; i < n; i++) {
        yBarOut[i] += zBar[i];
        kBar[i] = dt / 3 * yBar[i] + dt * zBar[i];
      }
      // stage 3: k3 = g(z2), z2 = y + dt/2 k2
      fBar += rhsAdjoint(stages, z0 + 2 * n, kBar, zBar, next, prev, prev2);
      for (int i = 0; i < n; i++) {
        yBarOut[i] += zBar[i];
        kBar[i] = dt / 3 * yBar[i] + 0.5 * dt * zBar[i];
      }
      // stage 2: k2 = g(z1), z1 = y + dt/2 k1
      fBar += rhsAdjoint(stages, z0 + n, kBar, zBar, next, prev, prev2);
      for (int i = 0; i < n; i++) {
        yBarOut[i] += zBar[i];
        kBar[i] = dt / 6 * yBar[i] + 0.5 * dt * zBar[i];
      }
      // stage 1: k1 = g(y)
      fBar += rhsAdjoint(stages, z0, kBar, zBar, next, prev, prev2);
      for (int i = 0; i < n; i++) {
        yBar[i] = yBarOut[i] + zBar[i];
      }
    }
    double[] g = new double[n + 1];
    System.arraycopy(yBar, 0, g, 0, n);
    g[n] = fBar;
    return g;
  }

  /** {@code k = g(z)}, the Lorenz-96 right-hand side, with {@code z} at {@code zs[at .. at + n)}. */
  private static void rhs(double[] zs, int at, double f, double[] k, int[] next, int[] prev, int[] prev2) {
    for (int i = 0; i < k.length; i++) {
      k[i] = (zs[at + next[i]] - zs[at + prev2[i]]) * zs[at + prev[i]] - zs[at + i] + f;
    }
  }

  /**
   * {@code zBar = (∂g/∂z)ᵀ kBar} at {@code z = zs[at .. at + n)}; returns {@code (∂g/∂f)ᵀ kBar},
   * which is {@code Σ kBar}.
   */
  private static double rhsAdjoint(double[] zs, int at, double[] kBar, double[] zBar, int[] next, int[] prev,
      int[] prev2) {
    java.util.Arrays.fill(zBar, 0);
    double fBar = 0;
    for (int i = 0; i < kBar.length; i++) {
      double kb = kBar[i];
      double zPrev = zs[at + prev[i]];
      zBar[next[i]] += kb * zPrev;
      zBar[prev2[i]] -= kb * zPrev;
      zBar[prev[i]] += kb * (zs[at + next[i]] - zs[at + prev2[i]]);
      zBar[i] -= kb;
      fBar += kb;
    }
    return fBar;
  }
}

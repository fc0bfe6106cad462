package io.jgrad.bench.workload;

import io.jgrad.annotations.Differentiable;

/**
 * A tape-heavy workload: classical RK4 on the Lorenz-96 system, the state kept in local arrays that
 * every step overwrites in place, so reverse mode needs the values each step erased.
 */
public final class Rk4 {
  private Rk4() {}

  /**
   * Integrates {@code dy_k/dt = (y_{k+1} - y_{k-2})·y_{k-1} - y_k + f} (indices cyclic, dimension
   * {@code y0.length}) from {@code y0} for {@code steps} RK4 steps of size {@code dt} and returns
   * {@code Σ y_k²} at the end; differentiated with respect to the initial state and the forcing.
   */
  @Differentiable(wrt = {"y0", "f"})
  public static double lorenz96(double[] y0, double f, double dt, int steps) {
    int n = y0.length;
    double[] y = new double[n];
    double[] z = new double[n];
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = y0[i];
    }
    for (int s = 0; s < steps; s++) {
      for (int i = 0; i < n; i++) {
        k1[i] = (y[Math.floorMod(i + 1, n)] - y[Math.floorMod(i - 2, n)]) * y[Math.floorMod(i - 1, n)] - y[i] + f;
      }
      for (int i = 0; i < n; i++) {
        z[i] = y[i] + 0.5 * dt * k1[i];
      }
      for (int i = 0; i < n; i++) {
        k2[i] = (z[Math.floorMod(i + 1, n)] - z[Math.floorMod(i - 2, n)]) * z[Math.floorMod(i - 1, n)] - z[i] + f;
      }
      for (int i = 0; i < n; i++) {
        z[i] = y[i] + 0.5 * dt * k2[i];
      }
      for (int i = 0; i < n; i++) {
        k3[i] = (z[Math.floorMod(i + 1, n)] - z[Math.floorMod(i - 2, n)]) * z[Math.floorMod(i - 1, n)] - z[i] + f;
      }
      for (int i = 0; i < n; i++) {
        z[i] = y[i] + dt * k3[i];
      }
      for (int i = 0; i < n; i++) {
        k4[i] = (z[Math.floorMod(i + 1, n)] - z[Math.floorMod(i - 2, n)]) * z[Math.floorMod(i - 1, n)] - z[i] + f;
      }
      for (int i = 0; i < n; i++) {
        y[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += y[i] * y[i];
    }
    return sum;
  }
}

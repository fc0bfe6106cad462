package io.jgrad.bench.workload;

import io.jgrad.annotations.Differentiable;

/** A loop-heavy workload: explicit-Euler integration of the Lotka–Volterra equations. */
public final class Euler {
  private Euler() {}

  /**
   * Integrates {@code u' = a·u - b·u·v}, {@code v' = d·u·v - c·v} from {@code (u0, v0)} for
   * {@code steps} steps of size {@code dt} and returns {@code u + v} at the end; differentiated
   * with respect to the four parameters, so reverse mode runs back through every step.
   */
  @Differentiable(wrt = {"a", "b", "c", "d"})
  public static double lotkaVolterra(
      double a, double b, double c, double d, double u0, double v0, double dt, int steps) {
    double u = u0;
    double v = v0;
    for (int i = 0; i < steps; i++) {
      double du = a * u - b * u * v;
      double dv = d * u * v - c * v;
      u += dt * du;
      v += dt * dv;
    }
    return u + v;
  }
}

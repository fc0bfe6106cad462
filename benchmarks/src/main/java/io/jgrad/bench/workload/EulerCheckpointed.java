package io.jgrad.bench.workload;

import io.jgrad.annotations.Differentiable;

/**
 * The Euler workload's model with {@code checkpointLoops}: reverse mode keeps the state at the start of
 * every ⌈√n⌉-th step instead of every step's values.
 */
public final class EulerCheckpointed {
  private EulerCheckpointed() {}

  /** {@link Euler#lotkaVolterra}, differentiated with checkpoints. */
  @Differentiable(wrt = {"a", "b", "c", "d"}, checkpointLoops = true)
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

package io.jgrad.bench.hand;

import io.jgrad.runtime.Dual;

/** Hand-written gradient and JVP of the extended Rosenbrock function, one pass each. */
public final class HandRosenbrock {
  private HandRosenbrock() {}

  /** The full gradient in one forward pass: term i touches only x[i] and x[i+1]. */
  public static double[] grad(double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      g[i] += -400 * a * x[i] - 2 * (1 - x[i]);
      g[i + 1] += 200 * a;
    }
    return g;
  }

  /** Value and directional derivative along {@code v} in one pass. */
  public static Dual jvp(double[] x, double[] v) {
    double s = 0;
    double sDot = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      s += 100 * a * a + b * b;
      sDot += 200 * a * (v[i + 1] - 2 * x[i] * v[i]) - 2 * b * v[i];
    }
    return Dual.of(s, sDot);
  }
}

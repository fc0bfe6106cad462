package io.jgrad.bench.workload;

import io.jgrad.annotations.Differentiable;

/**
 * The extended Rosenbrock function over an array: the classic sparse-gradient optimisation test; at
 * order 2 for its Hessian-vector product too.
 */
public final class Rosenbrock {
  private Rosenbrock() {}

  /** {@code Σ_{i<n-1} 100 (x[i+1] - x[i]²)² + (1 - x[i])²}. */
  @Differentiable(order = 2)
  public static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      s += 100 * a * a + b * b;
    }
    return s;
  }
}

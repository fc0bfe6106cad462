package io.jgrad.bench.workload;

import io.jgrad.annotations.Differentiable;

/** The extended Rosenbrock function at order 2, for its Hessian-vector product. */
public final class RosenbrockCurvature {
  private RosenbrockCurvature() {}

  /** {@code Σ_{i<n-1} 100 (x[i+1] - x[i]²)² + (1 - x[i])²}, as {@link Rosenbrock#rosenbrock}. */
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

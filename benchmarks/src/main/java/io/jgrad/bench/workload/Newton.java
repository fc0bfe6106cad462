package io.jgrad.bench.workload;

import io.jgrad.annotations.Differentiable;

/**
 * A workload whose loop runs a value-dependent number of times: Newton's method for the real root
 * of {@code x³ + a·x - c = 0}, once per element of a batch, differentiated through the iterations
 * (unrolled), not by the implicit function theorem.
 */
public final class Newton {
  /** Newton stops once a step is smaller than this. */
  public static final double TOLERANCE = 1e-12;
  /** At most this many Newton steps per element. */
  public static final int MAX_TRIPS = 50;

  private Newton() {}

  /**
   * {@code Σ_i x_i²} where {@code x_i} solves {@code x³ + a·x - c[i] = 0} (one real root for
   * {@code a > 0}), each found by Newton's method from {@code x = 1} until a step is below
   * {@link #TOLERANCE} or after {@link #MAX_TRIPS} steps.
   */
  @Differentiable(wrt = {"a", "c"})
  public static double roots(double a, double[] c) {
    double sum = 0;
    for (int i = 0; i < c.length; i++) {
      double x = 1;
      double step = 1;
      int trips = 0;
      while (Math.abs(step) >= TOLERANCE && trips < MAX_TRIPS) {
        double fx = x * x * x + a * x - c[i];
        double slope = 3 * x * x + a;
        step = fx / slope;
        x -= step;
        trips++;
      }
      sum += x * x;
    }
    return sum;
  }
}

package io.jgrad.examples.records;

import io.jgrad.annotations.Differentiable;

/**
 * Record results whose body runs once per {@code fVjp} or {@code fJvp}, however many leaves the
 * record has: a counting effect in the body shows it.
 */
final class RecordResultOnce {
  private RecordResultOnce() {}

  record Cartesian(double x, double y) {}

  /** An array leaf, a float leaf, a double leaf and a leaf without a tangent. */
  record Mixed(double[] w, float f, double s, int n) {}

  /** How many times a differentiable body ran; the tests reset it. */
  static int runs;

  static void ran() {
    runs++;
  }

  @Differentiable
  static Cartesian cartesian(double r, double t) {
    ran();
    return new Cartesian(r * Math.cos(t), r * Math.sin(t));
  }

  @Differentiable
  static Mixed mixed(double[] x, float k) {
    ran();
    double[] w = new double[x.length];
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      w[i] = x[i] * x[i] * k;
      s += Math.sin(x[i]);
    }
    return new Mixed(w, k * (float) x[0], s * k, x.length);
  }
}

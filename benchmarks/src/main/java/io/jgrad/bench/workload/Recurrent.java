package io.jgrad.bench.workload;

import io.jgrad.annotations.Differentiable;

/**
 * A tape-heavy workload: an Elman recurrent cell {@code h ← tanh(W h + U x_t + b)} run over a
 * sequence, the hidden state a local array overwritten every step.
 */
public final class Recurrent {
  private Recurrent() {}

  /**
   * {@code Σ_t h_t·h_t} over the sequence, {@code h_0 = 0}. Shapes follow from the arrays: the
   * hidden size {@code H = b.length}, {@code w} is {@code H×H} and {@code u} is {@code H×D}
   * row-major, {@code xs} holds the steps' inputs one after another ({@code D} each).
   */
  @Differentiable(wrt = {"w", "u", "b"})
  public static double loss(double[] w, double[] u, double[] b, double[] xs) {
    int hidden = b.length;
    int dim = u.length / hidden;
    int steps = xs.length / dim;
    double[] h = new double[hidden];
    double[] a = new double[hidden];
    double sum = 0;
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < hidden; i++) {
        double z = b[i];
        for (int j = 0; j < hidden; j++) {
          z += w[i * hidden + j] * h[j];
        }
        for (int k = 0; k < dim; k++) {
          z += u[i * dim + k] * xs[t * dim + k];
        }
        a[i] = z;
      }
      for (int i = 0; i < hidden; i++) {
        h[i] = Math.tanh(a[i]);
        sum += h[i] * h[i];
      }
    }
    return sum;
  }
}

package io.jgrad.bench.hand;

/** Hand-written adjoint (backpropagation through time) of the recurrent-cell workload. */
public final class HandRecurrent {
  private HandRecurrent() {}

  /**
   * Gradient of {@code Σ_t h_t·h_t} with respect to {@code (w, u, b)}, concatenated in that order.
   * A forward sweep stores every hidden state; the backward sweep runs through the steps from the
   * last, carrying {@code ∂loss/∂h}.
   */
  public static double[] grad(double[] w, double[] u, double[] b, double[] xs) {
    int hidden = b.length;
    int dim = u.length / hidden;
    int steps = xs.length / dim;
    // hs[t] is h after step t - 1 (hs[0] = 0)
    double[][] hs = new double[steps + 1][hidden];
    for (int t = 0; t < steps; t++) {
      double[] prev = hs[t];
      double[] next = hs[t + 1];
      for (int i = 0; i < hidden; i++) {
        double z = b[i];
        for (int j = 0; j < hidden; j++) {
          z += w[i * hidden + j] * prev[j];
        }
        for (int k = 0; k < dim; k++) {
          z += u[i * dim + k] * xs[t * dim + k];
        }
        next[i] = Math.tanh(z);
      }
    }
    double[] g = new double[w.length + u.length + b.length];
    int uAt = w.length;
    int bAt = w.length + u.length;
    double[] hBar = new double[hidden];
    double[] aBar = new double[hidden];
    for (int t = steps - 1; t >= 0; t--) {
      double[] prev = hs[t];
      double[] next = hs[t + 1];
      for (int i = 0; i < hidden; i++) {
        double h = next[i];
        aBar[i] = (hBar[i] + 2 * h) * (1 - h * h);
      }
      for (int j = 0; j < hidden; j++) {
        hBar[j] = 0;
      }
      for (int i = 0; i < hidden; i++) {
        double ab = aBar[i];
        g[bAt + i] += ab;
        for (int j = 0; j < hidden; j++) {
          g[i * hidden + j] += ab * prev[j];
          hBar[j] += ab * w[i * hidden + j];
        }
        for (int k = 0; k < dim; k++) {
          g[uAt + i * dim + k] += ab * xs[t * dim + k];
        }
      }
    }
    return g;
  }
}

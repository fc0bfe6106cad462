package io.jgrad.bench.hand;

/** Hand-written gradient of the MLP-like loss with respect to {@code w} and {@code b}. */
public final class HandMlp {
  private HandMlp() {}

  /** Gradient with respect to the weights and the bias. */
  public record Grad(double[] w, double b) {}

  /** One pass per sample: {@code d/dz tanh(z)² = 2 tanh(z) (1 - tanh(z)²)}, then scatter into w and b. */
  public static Grad grad(double[] w, double b, double[] x) {
    int dim = w.length;
    int samples = x.length / dim;
    double[] wBar = new double[dim];
    double bBar = 0;
    for (int i = 0; i < samples; i++) {
      int row = i * dim;
      double z = b;
      for (int j = 0; j < dim; j++) {
        z += w[j] * x[row + j];
      }
      double t = Math.tanh(z);
      double zBar = 2 * t * (1 - t * t);
      for (int j = 0; j < dim; j++) {
        wBar[j] += zBar * x[row + j];
      }
      bBar += zBar;
    }
    return new Grad(wBar, bBar);
  }
}

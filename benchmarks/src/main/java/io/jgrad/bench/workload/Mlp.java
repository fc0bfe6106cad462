package io.jgrad.bench.workload;

import io.jgrad.annotations.Differentiable;

/** A one-neuron MLP-like loss over a batch of samples stored row-major in one flat array. */
public final class Mlp {
  private Mlp() {}

  /**
   * {@code Σ_i tanh(w·x_i + b)²} where sample {@code i} is {@code x[i*d .. i*d+d-1]} and
   * {@code d = w.length}; the samples are flattened because the subset reads arrays only by index.
   */
  @Differentiable(wrt = {"w", "b"})
  public static double loss(double[] w, double b, double[] x) {
    int dim = w.length;
    int samples = x.length / dim;
    double sum = 0;
    for (int i = 0; i < samples; i++) {
      double z = b;
      for (int j = 0; j < dim; j++) {
        z += w[j] * x[i * dim + j];
      }
      double t = Math.tanh(z);
      sum += t * t;
    }
    return sum;
  }
}

package io.jgrad.examples.higher;

import io.jgrad.annotations.Differentiable;

/** The one-pass fHvp over float arrays: a float[] with a double result, and a float[] with a float. */
final class FloatArrayHvp {
  private FloatArrayHvp() {}

  /** Σ sin(xᵢ) as a double. */
  @Differentiable(order = 2)
  static double sineSum(float[] x) {
    double s = 0;
    for (float v : x) {
      s += Math.sin(v);
    }
    return s;
  }

  /** a² Σ xᵢ². */
  @Differentiable(order = 2)
  static float scaledSquares(float[] x, float a) {
    float s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return a * a * s;
  }
}

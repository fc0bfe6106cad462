package io.jgrad.examples.higher;

import io.jgrad.annotations.Differentiable;

/** DiffFnN objects of float functions: one float[], and three numbers with a float among them. */
final class FloatVectorObjects {
  private FloatVectorObjects() {}

  /** Σ xᵢ² xᵢ₊₁ over floats. */
  @Differentiable(order = 3)
  static float chain(float[] x) {
    float s = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      s += x[i] * x[i] * x[i + 1];
    }
    return s;
  }

  /** Σ sin(xᵢ) as a double, over floats. */
  @Differentiable(order = 2)
  static double sines(float[] x) {
    double s = 0;
    for (float v : x) {
      s += Math.sin(v);
    }
    return s;
  }

  /** a²b + sin(bc) + c³ with a and c floats. */
  @Differentiable(order = 3)
  static double mixed3(float a, double b, float c) {
    return a * a * b + Math.sin(b * c) + c * c * c;
  }

  /** a²b + b c³, all floats. */
  @Differentiable(order = 2)
  static float floats3(float a, float b, float c) {
    return a * a * b + b * c * c * c;
  }
}

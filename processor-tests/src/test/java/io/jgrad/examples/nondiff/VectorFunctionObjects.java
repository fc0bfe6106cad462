package io.jgrad.examples.nondiff;

import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
import io.jgrad.runtime.DiffFnN;

/** DiffFnN: function objects of three or more doubles or of one double[], and calls through them. */
final class VectorFunctionObjects {
  private VectorFunctionObjects() {}

  @Differentiable
  static double norm3(double a, double b, double c) {
    return Math.sqrt(a * a + b * b + c * c);
  }

  @Differentiable
  static double sumSquares(double[] xs) {
    double s = 0;
    for (double v : xs) {
      s += v * v;
    }
    return s;
  }

  /** Bound parameters between the differentiated ones: the vector fills the rest in order. */
  @Differentiable
  static double weighted(@NonDiff double w, double a, int k, double b, double c) {
    return w * a * b + k * c;
  }

  /** norm3(x, x y, 2) y through the object. */
  @Differentiable
  static double applyScalars(DiffFnN f, double x, double y) {
    return f.value(x, y * x, 2.0) * y;
  }

  /** f(xs) xs[0] through the object. */
  @Differentiable
  static double applyVector(DiffFnN f, double[] xs) {
    return f.value(xs) * xs[0];
  }
}

package io.jgrad.examples.higher;

import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.DiffFnN;

/** A {@code DiffFnN} called with one array inside bodies of order 2 and 3. */
final class VectorArrayObjectOrderExamples {
  private VectorArrayObjectOrderExamples() {}

  /** Σ xᵢ³ + x₀x₁: the function passed as an object, of order 3. */
  @Differentiable(order = 3)
  static double cubesPlus(double[] x) {
    double s = x[0] * x[1];
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i] * x[i];
    }
    return s;
  }

  /** f(t, t², sin t)·t through the object, at order 2. */
  @Differentiable(order = 2)
  static double along(DiffFnN f, double t) {
    double[] x = new double[3];
    x[0] = t;
    x[1] = t * t;
    x[2] = Math.sin(t);
    return f.value(x) * t;
  }

  /** f(a·x) through the object, at order 3, with the array a parameter. */
  @Differentiable(order = 3)
  static double scaled(DiffFnN f, double[] x, double a) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = a * x[i];
    }
    return f.value(y);
  }
}

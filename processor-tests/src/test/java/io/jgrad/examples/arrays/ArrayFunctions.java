package io.jgrad.examples.arrays;

import io.jgrad.annotations.Differentiable;

/** Local arrays written in loops, and array results. */
final class ArrayFunctions {
  private ArrayFunctions() {}

  /** Prefix products written into a local array, then summed: elements overwritten and read back. */
  @Differentiable
  static double prefixProducts(double[] x) {
    double[] p = new double[x.length];
    p[0] = x[0];
    for (int i = 1; i < x.length; i++) {
      p[i] = p[i - 1] * x[i];
    }
    double s = 0;
    for (double v : p) {
      s += v * v;
    }
    return s;
  }

  /** {@code y[i] += ...} in nested loops, and an element overwritten many times with a value depending on its old one. */
  @Differentiable
  static double smooth(double[] x, double a, int rounds) {
    int n = x.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[i];
    }
    for (int r = 0; r < rounds; r++) {
      for (int i = 1; i < n; i++) {
        y[i] += a * Math.sin(y[i - 1]);
        y[i - 1] *= y[i];
      }
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      if (y[i] > 0) {
        s += y[i];
      } else {
        s -= 0.5 * y[i];
      }
    }
    return s;
  }

  /** An array result: {@code y[i] = a * x[i]^2 + sin(x[i - 1])}. */
  @Differentiable
  static double[] map(double[] x, double a) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = a * x[i] * x[i];
      if (i > 0) {
        y[i] += Math.sin(x[i - 1]);
      }
    }
    y[0]++;
    return y;
  }

  /** An element written with a value that does not depend on the inputs kills the derivative there. */
  @Differentiable
  static double overwrite(double[] x) {
    double[] y = new double[2];
    y[0] = x[0] * x[1];
    y[1] = y[0] * x[0];
    y[0] = 3;
    return y[0] * y[1];
  }

  /** An array parameter returned as it is: its pullback is the identity. */
  @Differentiable
  static double[] same(double[] x) {
    return x;
  }

  /**
   * Σ x[(i + k) mod n]·x[i], the index from {@code Math.floorMod} (k may be negative): an integer
   * helper of {@code Math}, computed as written like any integer arithmetic.
   */
  @Differentiable
  static double rolledDot(double[] x, int k) {
    int n = x.length;
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[Math.floorMod(Math.addExact(i, k), n)] * x[i];
    }
    return s;
  }

  /** A local array whose length expression changes after it is made: its cotangent keeps the array's length. */
  @Differentiable
  static double lengthChangesLater(double x, double y) {
    int n = 3;
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = x * (i + 1) + y;
    }
    n = 1;
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s = s + a[i] * a[i];
    }
    return s * n;
  }
}

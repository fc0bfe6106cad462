package io.jgrad.examples.effects;

import io.jgrad.annotations.Differentiable;
import java.util.Arrays;

/** Array copies and fills, which jgrad reads as the loops they stand for and differentiates. */
final class CopiesAndFills {
  private CopiesAndFills() {}

  /** x copied one place to the right into a longer array. */
  @Differentiable
  static double copied(double[] x) {
    double[] y = new double[x.length + 1];
    System.arraycopy(x, 0, y, 1, x.length);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += (i + 1) * y[i] * y[i];
    }
    return s;
  }

  /** A fill over elements already written: the fill's value replaces them, their derivatives too. */
  @Differentiable
  static double filledAfterWrites(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * x[i];
    }
    Arrays.fill(y, 1, 3, x[0] * x[1]);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += (i + 1) * y[i] * x[i];
    }
    return s;
  }

  /** A whole-array fill with a differentiated value, then element updates. */
  @Differentiable
  static double filledWhole(double[] x) {
    double[] y = new double[3];
    Arrays.fill(y, Math.sin(x[0]));
    y[1] += x[1];
    return y[0] * y[1] * y[2];
  }

  /** A copy within one array, which may overlap: arraycopy copies as if through a temporary array. */
  @Differentiable
  static double shifted(double[] x, int from, int to, int count) {
    double[] y = x.clone();
    System.arraycopy(y, from, y, to, count);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += (i + 1) * y[i] * x[i];
    }
    return s;
  }

  /** A shorter and a longer copy: what the source has, then zeros. */
  @Differentiable
  static double resized(double[] x) {
    double[] head = Arrays.copyOf(x, 2);
    double[] padded = Arrays.copyOf(x, x.length + 2);
    padded[x.length + 1] = head[0] * head[1];
    double s = 0;
    for (int i = 0; i < padded.length; i++) {
      s += (i + 1) * padded[i] * padded[i];
    }
    return s;
  }

  /** A window of x, which may run past its end (zeros there). */
  @Differentiable
  static double window(double[] x, int from, int to) {
    double[] y = Arrays.copyOfRange(x, from, to);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += (i + 1) * y[i] * y[i] * y[i];
    }
    return s;
  }

  /** A float array cloned and updated. */
  @Differentiable
  static float floatClone(float[] x) {
    float[] y = x.clone();
    y[0] *= y[1];
    return y[0] + y[1] * y[1];
  }

  /** Calls that only read an array are kept as written. */
  @Differentiable
  static double readers(double[] x) {
    double[] y = x.clone();
    if (positives(y) > 1) {
      y[0] = y[0] * 3;
    }
    Arrays.toString(y);
    return y[0] * y[1];
  }

  static int positives(double[] a) {
    int n = 0;
    for (double v : a) {
      if (v > 0) {
        n++;
      }
    }
    double[] scratch = new double[a.length];
    scratch[0] = n;
    return (int) scratch[0];
  }
}

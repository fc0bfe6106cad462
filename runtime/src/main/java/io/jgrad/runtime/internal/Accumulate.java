package io.jgrad.runtime.internal;

/**
 * Adds one cotangent array into another (generated reverse sweeps use it for array arguments of
 * calls), and dot products of gradient rows.
 */
public final class Accumulate {
  private Accumulate() {}

  /**
   * {@code into[i] += from[i]} for every index.
   *
   * @throws IllegalArgumentException if the lengths differ (a {@code @CustomVjp} backward pass that
   *     returned a gradient of the wrong length), rather than adding part of it silently
   */
  public static void add(double[] into, double[] from) {
    checkLengths(into.length, from.length);
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  /** As {@link #add(double[], double[])}, for {@code float[]}. */
  public static void add(float[] into, float[] from) {
    checkLengths(into.length, from.length);
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  /**
   * The element-wise sum of gradient arrays of one parameter, each from one component of a record
   * result's cotangent (pullbacks are linear: a record's pullback is the sum of its leaves').
   */
  public static double[] sum(double[] first, double[]... rest) {
    double[] out = first.clone();
    for (double[] r : rest) {
      add(out, r);
    }
    return out;
  }

  /** As {@link #sum(double[], double[][])}, for {@code float[]}. */
  public static float[] sum(float[] first, float[]... rest) {
    float[] out = first.clone();
    for (float[] r : rest) {
      add(out, r);
    }
    return out;
  }

  /**
   * Σᵢ {@code a[i]·b[i]} in double: one component of H·v, a Hessian row times a direction whose
   * length generated code checked before, and {@code GradCheck}'s ⟨t, Jᵀc⟩.
   */
  public static double dot(double[] a, double[] b) {
    checkLengths(a.length, b.length);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** As {@link #dot(double[], double[])}, for {@code float[]}. */
  public static double dot(float[] a, float[] b) {
    checkLengths(a.length, b.length);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  private static void checkLengths(int into, int from) {
    if (into != from) {
      throw new IllegalArgumentException("a gradient of " + from + " components for an array of " + into);
    }
  }
}

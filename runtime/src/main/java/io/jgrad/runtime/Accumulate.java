package io.jgrad.runtime;

/** Adds one cotangent array into another; generated reverse sweeps use it for array arguments of calls. */
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

  private static void checkLengths(int into, int from) {
    if (into != from) {
      throw new IllegalArgumentException("a gradient of " + from + " components for an array of " + into);
    }
  }
}

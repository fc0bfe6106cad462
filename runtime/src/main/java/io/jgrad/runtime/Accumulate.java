package io.jgrad.runtime;

/** Adds one cotangent array into another; generated reverse sweeps use it for array arguments of calls. */
public final class Accumulate {
  private Accumulate() {}

  /** {@code into[i] += from[i]} for every index. */
  public static void add(double[] into, double[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  /** {@code into[i] += from[i]} for every index. */
  public static void add(float[] into, float[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }
}

package io.jgrad.runtime.internal;

/**
 * The conversions of a {@code DiffFnN} object of a function of one {@code float[]}: the object's
 * doubles narrowed as a cast narrows each, the function's float gradient widened exactly.
 */
public final class FloatVectors {
  private FloatVectors() {}

  /** {@code (float) x[i]} for each i; null stays null, for the function to report. */
  public static float[] narrow(double[] x) {
    if (x == null) {
      return null;
    }
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) x[i];
    }
    return out;
  }

  /** {@code g} as doubles; null stays null. */
  public static double[] widen(float[] g) {
    if (g == null) {
      return null;
    }
    double[] out = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      out[i] = g[i];
    }
    return out;
  }
}

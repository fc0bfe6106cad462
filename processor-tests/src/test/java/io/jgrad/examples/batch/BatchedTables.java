package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/** Batched functions that read tables of coefficients in {@code static final} arrays. */
final class BatchedTables {
  private BatchedTables() {}

  /** Coefficients of a cubic, constant term first. */
  static final double[] COEF = {1.0, -0.5, 0.25, 0.125};
  /** Which coefficient each sine term takes. */
  static final int[] ORDER = {3, 1, 0, 2};
  static final float[] SCALES = {1.5f, -0.5f};
  /** Rescaled by the session test, which marks it changed. */
  static final double[] RATES = {2.0, -1.0};
  /** The interval a backward pass clips its cotangent to. */
  static final double[] BOUNDS = {-0.5, 1.0};

  /**
   * {@code p(x) s(y)}: {@code p} the cubic with coefficients COEF by Horner's rule, {@code s(y) = sum_k
   * COEF[ORDER[k]] sin((k + 1) y)}.
   */
  @Batched
  @Differentiable
  static double tabled(double x, double y) {
    double p = 0;
    for (int k = COEF.length - 1; k >= 0; k--) {
      p = p * x + COEF[k];
    }
    double s = 0;
    for (int k = 0; k < ORDER.length; k++) {
      s += COEF[ORDER[k]] * Math.sin((k + 1) * y);
    }
    return p * s;
  }

  /** {@code SCALES[0] x^2 + SCALES[1] x}. */
  @Batched
  @Differentiable
  static float scaledF(float x) {
    return SCALES[0] * x * x + SCALES[1] * x;
  }

  /** {@code RATES[0] x + RATES[1] x^2}. */
  @Batched
  @Differentiable
  static double rated(double x) {
    return RATES[0] * x + RATES[1] * x * x;
  }

  /** The identity whose backward pass clips the cotangent to BOUNDS. */
  @CustomVjp(fwd = "clipToBoundsFwd", bwd = "clipToBoundsBwd")
  static double clipToBounds(double x) {
    return x;
  }

  static Fwd<Double> clipToBoundsFwd(double x) {
    return Fwd.of(x, x);
  }

  static double clipToBoundsBwd(Double x, double g) {
    return Math.max(BOUNDS[0], Math.min(BOUNDS[1], g));
  }

  /** {@code sin(2 x)}, whose gradient is {@code 2 cos(2 x)} clipped to BOUNDS. */
  @Batched
  @Differentiable
  static double clippedSin(double x) {
    return Math.sin(2 * clipToBounds(x));
  }
}

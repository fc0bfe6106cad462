package io.jgrad.examples.arrays;

import io.jgrad.annotations.Differentiable;

/**
 * Functions that read tables of coefficients kept in {@code static final} arrays: never
 * differentiated (like {@code @NonDiff} array parameters), read as the forward sweep saw them.
 */
final class StaticTables {
  private StaticTables() {}

  /** Weights of a quadratic form. */
  static final double[] W = {0.5, -1.25, 2.0, 0.75};
  /** A permutation of 0..3: which element of x each term reads. */
  static final int[] IDX = {2, 0, 3, 1};
  /** Coefficients of a cubic, constant term first. */
  static final double[] POLY = {1.0, -2.0, 0.5, 3.0};
  static final float[] SCALES = {1.5f, -0.5f};
  /** Written into by the tests between {@code fVjp} and {@code pullback}. */
  static final double[] RATES = {2.0, 3.0, -1.0, 0.5};

  /** {@code sum_i W[i] x[i]^2}. */
  @Differentiable
  static double weighted(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += W[i] * x[i] * x[i];
    }
    return s;
  }

  /** {@code sum_i W[i] x[i] sin(x[IDX[i]])}: an int table as indices. */
  @Differentiable
  static double permuted(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += W[i] * x[i] * Math.sin(x[IDX[i]]);
    }
    return s;
  }

  /** The cubic with coefficients POLY at {@code t}, by Horner's rule. */
  @Differentiable(order = 2)
  static double cubic(double t) {
    double y = 0;
    for (int k = POLY.length - 1; k >= 0; k--) {
      y = y * t + POLY[k];
    }
    return y;
  }

  /** {@code SCALES[0] x^2 + SCALES[1] x}. */
  @Differentiable
  static float scaled(float x) {
    return SCALES[0] * x * x + SCALES[1] * x;
  }

  /** {@code sum_i RATES[i] x[i]^2}, whose pullback needs the rates. */
  @Differentiable
  static double rated(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += RATES[i] * x[i] * x[i];
    }
    return s;
  }

  /** {@code exp(RATES[1] y)}: the pullback needs the rate outside a loop. */
  @Differentiable
  static double growth(double y) {
    return Math.exp(RATES[1] * y);
  }
}

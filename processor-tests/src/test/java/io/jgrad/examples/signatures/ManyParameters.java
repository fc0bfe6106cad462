package io.jgrad.examples.signatures;

import io.jgrad.annotations.Differentiable;

/**
 * 63 double parameters, the most the JVM allows for order 1: fJvp takes a value and a tangent for
 * each, 252 of its 255 parameter slots (64 is [jgrad.TooManyParameters], see the corpus).
 */
final class ManyParameters {
  private ManyParameters() {}

  /** The sum of (i + 1) x_i^2, times x0 x62. */
  @Differentiable
  static double weighted(
      double x0, double x1, double x2, double x3, double x4, double x5, double x6, double x7,
      double x8, double x9, double x10, double x11, double x12, double x13, double x14, double x15,
      double x16, double x17, double x18, double x19, double x20, double x21, double x22, double x23,
      double x24, double x25, double x26, double x27, double x28, double x29, double x30, double x31,
      double x32, double x33, double x34, double x35, double x36, double x37, double x38, double x39,
      double x40, double x41, double x42, double x43, double x44, double x45, double x46, double x47,
      double x48, double x49, double x50, double x51, double x52, double x53, double x54, double x55,
      double x56, double x57, double x58, double x59, double x60, double x61, double x62) {
    double s = 1 * x0 * x0 + 2 * x1 * x1 + 3 * x2 * x2 + 4 * x3 * x3 + 5 * x4 * x4 + 6 * x5 * x5 + 7 * x6
        * x6 + 8 * x7 * x7 + 9 * x8 * x8 + 10 * x9 * x9 + 11 * x10 * x10 + 12 * x11 * x11 + 13 *
        x12 * x12 + 14 * x13 * x13 + 15 * x14 * x14 + 16 * x15 * x15 + 17 * x16 * x16 + 18 * x17 *
        x17 + 19 * x18 * x18 + 20 * x19 * x19 + 21 * x20 * x20 + 22 * x21 * x21 + 23 * x22 * x22 +
        24 * x23 * x23 + 25 * x24 * x24 + 26 * x25 * x25 + 27 * x26 * x26 + 28 * x27 * x27 + 29 *
        x28 * x28 + 30 * x29 * x29 + 31 * x30 * x30 + 32 * x31 * x31 + 33 * x32 * x32 + 34 * x33 *
        x33 + 35 * x34 * x34 + 36 * x35 * x35 + 37 * x36 * x36 + 38 * x37 * x37 + 39 * x38 * x38 +
        40 * x39 * x39 + 41 * x40 * x40 + 42 * x41 * x41 + 43 * x42 * x42 + 44 * x43 * x43 + 45 *
        x44 * x44 + 46 * x45 * x45 + 47 * x46 * x46 + 48 * x47 * x47 + 49 * x48 * x48 + 50 * x49 *
        x49 + 51 * x50 * x50 + 52 * x51 * x51 + 53 * x52 * x52 + 54 * x53 * x53 + 55 * x54 * x54 +
        56 * x55 * x55 + 57 * x56 * x56 + 58 * x57 * x57 + 59 * x58 * x58 + 60 * x59 * x59 + 61 *
        x60 * x60 + 62 * x61 * x61 + 63 * x62 * x62;
    return s * x0 * x62;
  }
}

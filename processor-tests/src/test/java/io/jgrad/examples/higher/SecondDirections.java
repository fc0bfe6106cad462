package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

/** Checks a second directional derivative of f(x, y) along every pair of unit directions. */
final class SecondDirections {
  private SecondDirections() {}

  /** A generated {@code fDerivative(x, y, xDot1, yDot1, xDot2, yDot2)} at a fixed point. */
  interface Derivative2 {
    double at(double xDot1, double yDot1, double xDot2, double yDot2);
  }

  /** {@code d} along (eᵢ, eⱼ) is {@code expected[i][j]} for i, j in {x, y}. */
  static void assertUnitPairs(Derivative2 d, double[][] expected) {
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double[] v = new double[4];
        v[i] = 1;
        v[2 + j] = 1;
        assertThat(d.at(v[0], v[1], v[2], v[3])).isWithin(1e-12).of(expected[i][j]);
      }
    }
  }
}

package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code fHvp} over {@code float[]} parameters in one pass (reverse mode over the tangent program,
 * as for {@code double[]}), against closed forms; the inputs are exact in float.
 */
class FloatArrayHvpTest {
  private static final float[] X = {0.5f, -1.25f, 2f};
  private static final float[] V = {1f, 0.25f, -0.5f};

  @Test
  void aDoubleResultOverAFloatArray() {
    float[] hv = FloatArrayHvpDerivatives.sineSumHvp(X, V);
    for (int i = 0; i < X.length; i++) {
      assertThat((double) hv[i]).isWithin(1e-6).of(-Math.sin(X[i]) * V[i]);
    }
  }

  @Test
  void aFloatArrayAndAFloat() {
    float a = 0.75f;
    float vA = -2f;
    FloatArrayHvpDerivatives.ScaledSquaresGrad hv = FloatArrayHvpDerivatives.scaledSquaresHvp(X, a, V, vA);
    // f = a²Σxᵢ²: Hxx = 2a²I, Hxa = 4a·x, Haa = 2Σxᵢ².
    double squares = 0;
    double xv = 0;
    for (int i = 0; i < X.length; i++) {
      assertThat((double) hv.x()[i]).isWithin(1e-5).of(2 * a * a * V[i] + 4 * a * X[i] * vA);
      squares += X[i] * X[i];
      xv += X[i] * V[i];
    }
    assertThat((double) hv.a()).isWithin(1e-5).of(4 * a * xv + 2 * squares * vA);
  }
}

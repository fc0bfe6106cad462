package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Derivative calls of functions of a float[] beside a double and a double[] beside a float: closed forms. */
class FloatMixedDerivativeCallsTest {
  @Test
  void aFloatArrayBesideADouble() {
    float[] w = {0.5f, -1.25f, 0.75f};
    double a = 0.6;
    double s = 0;
    for (float v : w) {
      s += v * v;
    }
    assertThat(FloatMixedDerivativeCalls.weightedProduct(w, a)).isWithin(1e-5).of(2 * a * s * (s + 2 * a));
    var g = FloatMixedDerivativeCallsDerivatives.weightedProductGrad(w, a);
    // P = 2aS(S + 2a): ∂P/∂a = 2S² + 8aS, ∂P/∂wᵢ = (4aS + 4a²)·2wᵢ.
    assertThat(g.a()).isWithin(1e-5).of(2 * s * s + 8 * a * s);
    for (int i = 0; i < w.length; i++) {
      assertThat((double) g.w()[i]).isWithin(1e-4).of((4 * a * s + 4 * a * a) * 2 * w[i]);
    }
  }

  @Test
  void aDoubleArrayBesideAFloat() {
    double[] x = {0.3, -0.9, 1.4};
    float b = 1.5f;
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    var g = FloatMixedDerivativeCallsDerivatives.scaledNormSumGrad(x, b);
    // 3bS: ∂/∂xᵢ = 6b·xᵢ, ∂/∂b = 3S.
    for (int i = 0; i < x.length; i++) {
      assertThat(g.x()[i]).isWithin(1e-5).of(6 * b * x[i]);
    }
    assertThat((double) g.b()).isWithin(1e-4).of(3 * s);
    double h = 1e-4;
    double[] plus = x.clone();
    double[] minus = x.clone();
    plus[1] += h;
    minus[1] -= h;
    double fd = (FloatMixedDerivativeCalls.scaledNormSum(plus, b) - FloatMixedDerivativeCalls.scaledNormSum(minus, b))
        / (2 * h);
    assertThat(g.x()[1]).isWithin(1e-2).of(fd);
  }
}

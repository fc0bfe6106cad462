package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The one-pass {@code fHvp} of a function of arrays with an asymmetric rule is JAX's
 * {@code jvp(grad(f))}, H·v with H = ∂T/∂x (not Hᵀ·v): against the closed form, the n-pass
 * {@code fHessian} times v, and central differences of {@code fGrad} along v.
 */
class AsymmetricRuleHvpTest {
  private static final double[] X = {0.7, -1.3, 0.4, 2.1};
  private static final double[] V = {0.3, 1.1, -0.8, 0.5};

  @Test
  void oneHvpPassIsTheJacobianOfTheGradientTimesV() {
    double[] hv = AsymmetricRuleHvpDerivatives.chainedHvp(X, V);
    double[][] h = AsymmetricRuleHvpDerivatives.chainedHessian(X);
    double step = 1e-6;
    double[] plus = new double[X.length];
    double[] minus = new double[X.length];
    for (int j = 0; j < X.length; j++) {
      plus[j] = X[j] + step * V[j];
      minus[j] = X[j] - step * V[j];
    }
    double[] gradPlus = AsymmetricRuleHvpDerivatives.chainedGrad(plus);
    double[] gradMinus = AsymmetricRuleHvpDerivatives.chainedGrad(minus);
    double asymmetry = 0;
    for (int i = 0; i < X.length; i++) {
      // T_i = xᵢxᵢ₊₁: (H·v)_i = xᵢ₊₁vᵢ + xᵢvᵢ₊₁, the last entry 0.
      double closed = i + 1 < X.length ? X[i + 1] * V[i] + X[i] * V[i + 1] : 0;
      double nPass = 0;
      double transposed = 0;
      for (int j = 0; j < X.length; j++) {
        nPass += h[i][j] * V[j];
        transposed += h[j][i] * V[j];
      }
      assertThat(hv[i]).isWithin(1e-12).of(closed);
      assertThat(hv[i]).isWithin(1e-12).of(nPass);
      assertThat(hv[i]).isWithin(1e-6).of((gradPlus[i] - gradMinus[i]) / (2 * step));
      asymmetry += Math.abs(transposed - nPass);
    }
    assertThat(asymmetry).isGreaterThan(0.1);  // Hᵀ·v differs here: the test can tell the two apart
  }

  @Test
  void anArrayAndANumber() {
    double a = -0.6;
    double vA = 1.7;
    AsymmetricRuleHvpDerivatives.ScaledGrad hv = AsymmetricRuleHvpDerivatives.scaledHvp(X, a, V, vA);
    double step = 1e-6;
    double[] plus = new double[X.length];
    double[] minus = new double[X.length];
    for (int j = 0; j < X.length; j++) {
      plus[j] = X[j] + step * V[j];
      minus[j] = X[j] - step * V[j];
    }
    AsymmetricRuleHvpDerivatives.ScaledGrad gradPlus =
        AsymmetricRuleHvpDerivatives.scaledGrad(plus, a + step * vA);
    AsymmetricRuleHvpDerivatives.ScaledGrad gradMinus =
        AsymmetricRuleHvpDerivatives.scaledGrad(minus, a - step * vA);
    double sumV = 0;
    for (int i = 0; i < X.length; i++) {
      // T_x_i = a·xᵢxᵢ₊₁: a(xᵢ₊₁vᵢ + xᵢvᵢ₊₁) + xᵢxᵢ₊₁·v_a; T_a = Σ xᵢ: Σ vᵢ.
      double closed = i + 1 < X.length
          ? a * (X[i + 1] * V[i] + X[i] * V[i + 1]) + X[i] * X[i + 1] * vA : 0;
      assertThat(hv.x()[i]).isWithin(1e-12).of(closed);
      assertThat(hv.x()[i]).isWithin(1e-6).of((gradPlus.x()[i] - gradMinus.x()[i]) / (2 * step));
      sumV += V[i];
    }
    assertThat(hv.a()).isWithin(1e-12).of(sumV);
    assertThat(hv.a()).isWithin(1e-6).of((gradPlus.a() - gradMinus.a()) / (2 * step));
  }
}

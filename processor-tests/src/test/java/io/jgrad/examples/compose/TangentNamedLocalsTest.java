package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Derivatives of callers of functions whose bodies hold a local named like a tangent parameter,
 * against closed forms and central finite differences of the callers themselves.
 */
class TangentNamedLocalsTest {
  private static final double H = 1e-5;

  @Test
  void aNumberFunctionsSlopeHasItsSecondAndThirdDerivatives() {
    for (double x : new double[] {-1.3, 0.4, 2.1}) {
      double s = Math.sin(x);
      double c = Math.cos(x);
      assertThat(TangentNamedLocals.bentSlope(x)).isWithin(1e-12).of(2 * x * s + x * x * c);
      assertThat(TangentNamedLocalsDerivatives.bentSlopeGrad(x)).isWithin(1e-12)
          .of(2 * s + 4 * x * c - x * x * s);
      assertThat(TangentNamedLocalsDerivatives.bentSlopeHessian(x)).isWithin(1e-12)
          .of(6 * c - 6 * x * s - x * x * c);
      double fd = (TangentNamedLocals.bentSlope(x + H) - TangentNamedLocals.bentSlope(x - H)) / (2 * H);
      assertThat(TangentNamedLocalsDerivatives.bentSlopeGrad(x)).isWithin(1e-6).of(fd);
    }
  }

  @Test
  void anArrayFunctionsTangentHasItsGradient() {
    double a = 0.7;
    double[] x = {0.4, -1.1, 0.9};
    double[] v = {0.3, 1.2, -0.8};
    double[] t = TangentNamedLocalsDerivatives.wavesJvp(a, x, 1.0, v).tangent();
    for (int i = 0; i < x.length; i++) {
      double ax = a * x[i];
      // ∂yᵢ/∂a = xᵢ² cos(a xᵢ), ∂yᵢ/∂xᵢ = sin(a xᵢ) + a xᵢ cos(a xᵢ).
      assertThat(t[i]).isWithin(1e-12).of(x[i] * x[i] * Math.cos(ax) + (Math.sin(ax) + ax * Math.cos(ax)) * v[i]);
    }
    var g = TangentNamedLocalsDerivatives.wavesEnergyGrad(a, x, v);
    double fdA = (TangentNamedLocals.wavesEnergy(a + H, x, v) - TangentNamedLocals.wavesEnergy(a - H, x, v)) / (2 * H);
    assertThat(g.a()).isWithin(1e-6).of(fdA);
    for (int i = 0; i < x.length; i++) {
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[i] += H;
      minus[i] -= H;
      double fdX = (TangentNamedLocals.wavesEnergy(a, plus, v) - TangentNamedLocals.wavesEnergy(a, minus, v)) / (2 * H);
      assertThat(g.x()[i]).isWithin(1e-6).of(fdX);
      double ax = a * x[i];
      // ∂/∂vᵢ Σ t² = 2tᵢ·∂yᵢ/∂xᵢ.
      assertThat(g.v()[i]).isWithin(1e-12).of(2 * t[i] * (Math.sin(ax) + ax * Math.cos(ax)));
    }
  }
}

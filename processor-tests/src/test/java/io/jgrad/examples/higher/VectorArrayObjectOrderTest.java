package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.runtime.DiffFnN;
import org.junit.jupiter.api.Test;

/**
 * A {@code DiffFnN} called with one array in bodies of order 2 and 3: {@code fHessian} against a
 * closed form and central differences of {@code fGrad}, {@code fHvp} against differences of
 * {@code fGrad}, and the third derivative against differences of {@code fHvp}.
 */
class VectorArrayObjectOrderTest {
  private static final double H = 1e-5;

  @Test
  void alongTheCurveHasItsClosedSecondDerivative() {
    DiffFnN f = VectorArrayObjectOrderExamplesDerivatives.cubesPlus();
    double t = 0.7;
    // g = t·f(t, t², sin t) = 2t⁴ + t⁷ + t sin³t.
    double s = Math.sin(t);
    double c = Math.cos(t);
    double expected = 24 * t * t + 42 * Math.pow(t, 5) + 6 * s * s * c + t * (6 * s * c * c - 3 * s * s * s);
    assertThat(VectorArrayObjectOrderExamplesDerivatives.alongHessian(f, t)).isWithin(1e-11).of(expected);
    double fd = (VectorArrayObjectOrderExamplesDerivatives.alongGrad(f, t + H)
        - VectorArrayObjectOrderExamplesDerivatives.alongGrad(f, t - H)) / (2 * H);
    assertThat(VectorArrayObjectOrderExamplesDerivatives.alongHessian(f, t)).isWithin(1e-6).of(fd);
  }

  @Test
  void scaledMatchesDifferencesOfItsGradientAndOfItsHvp() {
    DiffFnN f = VectorArrayObjectOrderExamplesDerivatives.cubesPlus();
    double[] x = {0.7, -1.3, 0.4};
    double a = 0.8;
    double[] vX = {0.3, 1.1, -0.8};
    double vA = -0.4;
    VectorArrayObjectOrderExamplesDerivatives.ScaledGrad hv =
        VectorArrayObjectOrderExamplesDerivatives.scaledHvp(f, x, a, vX, vA);
    VectorArrayObjectOrderExamplesDerivatives.ScaledGrad up =
        VectorArrayObjectOrderExamplesDerivatives.scaledGrad(f, shifted(x, vX, H), a + H * vA);
    VectorArrayObjectOrderExamplesDerivatives.ScaledGrad down =
        VectorArrayObjectOrderExamplesDerivatives.scaledGrad(f, shifted(x, vX, -H), a - H * vA);
    for (int i = 0; i < x.length; i++) {
      assertThat(hv.x()[i]).isWithin(1e-7).of((up.x()[i] - down.x()[i]) / (2 * H));
    }
    assertThat(hv.a()).isWithin(1e-7).of((up.a() - down.a()) / (2 * H));
    // Order 3: uᵀ·(d/dε H(p + ε w)·v).
    double[] uX = {-0.6, 0.2, 1.4};
    double uA = 1.7;
    double[] wX = {0.5, -0.9, 0.25};
    double wA = 0.6;
    VectorArrayObjectOrderExamplesDerivatives.ScaledGrad hUp =
        VectorArrayObjectOrderExamplesDerivatives.scaledHvp(f, shifted(x, wX, H), a + H * wA, vX, vA);
    VectorArrayObjectOrderExamplesDerivatives.ScaledGrad hDown =
        VectorArrayObjectOrderExamplesDerivatives.scaledHvp(f, shifted(x, wX, -H), a - H * wA, vX, vA);
    double fd = uA * (hUp.a() - hDown.a()) / (2 * H);
    for (int i = 0; i < x.length; i++) {
      fd += uX[i] * (hUp.x()[i] - hDown.x()[i]) / (2 * H);
    }
    assertThat(VectorArrayObjectOrderExamplesDerivatives.scaledDerivative(f, x, a, uX, uA, vX, vA, wX, wA))
        .isWithin(1e-7).of(fd);
  }

  private static double[] shifted(double[] x, double[] d, double h) {
    double[] out = x.clone();
    for (int i = 0; i < x.length; i++) {
      out[i] += h * d[i];
    }
    return out;
  }
}

package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.examples.records.ArrayComponentOrderExamples.Layer;
import org.junit.jupiter.api.Test;

/**
 * Records with an array component at order 2 and 3: {@code fHvp} with a record direction and
 * {@code fDerivative} against closed forms and central differences of {@code fGrad} (and of
 * {@code fHvp} at order 3); a record result with an array component to order 3.
 */
class ArrayComponentOrderTest {
  private static final double H = 1e-5;
  private static final double[] W = {0.7, -1.3, 0.4};
  private static final double B = 0.9;

  @Test
  void cubesHvpHasItsClosedFormAndMatchesDifferencesOfTheGradient() {
    Layer l = new Layer(W, B);
    Layer v = new Layer(new double[] {0.3, 1.1, -0.8}, -0.6);
    Layer hv = ArrayComponentOrderExamplesDerivatives.cubesHvp(l, v);
    // f = Σ wᵢ³ b + b²: (Hv)_wᵢ = 6 wᵢ b vwᵢ + 3 wᵢ² vb, (Hv)_b = Σ 3 wᵢ² vwᵢ + 2 vb.
    double hb = 2 * v.b();
    for (int i = 0; i < W.length; i++) {
      assertThat(hv.w()[i]).isWithin(1e-12).of(6 * W[i] * B * v.w()[i] + 3 * W[i] * W[i] * v.b());
      hb += 3 * W[i] * W[i] * v.w()[i];
    }
    assertThat(hv.b()).isWithin(1e-12).of(hb);
    Layer up = ArrayComponentOrderExamplesDerivatives.cubesGrad(shifted(l, v, H));
    Layer down = ArrayComponentOrderExamplesDerivatives.cubesGrad(shifted(l, v, -H));
    for (int i = 0; i < W.length; i++) {
      assertThat(hv.w()[i]).isWithin(1e-7).of((up.w()[i] - down.w()[i]) / (2 * H));
    }
    assertThat(hv.b()).isWithin(1e-7).of((up.b() - down.b()) / (2 * H));
  }

  @Test
  void cubesThirdDerivativeHasItsClosedFormAndMatchesDifferencesOfTheHvp() {
    Layer l = new Layer(W, B);
    Layer u = new Layer(new double[] {0.3, 1.1, -0.8}, -0.6);
    Layer v = new Layer(new double[] {-0.5, 0.2, 1.4}, 1.3);
    Layer z = new Layer(new double[] {0.9, -0.4, 0.6}, 0.25);
    double d3 = ArrayComponentOrderExamplesDerivatives.cubesDerivative(l, u, v, z);
    // ∂³/∂wᵢ³ = 6b, ∂³/∂wᵢ²∂b = 6wᵢ, nothing else.
    double expected = 0;
    for (int i = 0; i < W.length; i++) {
      expected += 6 * B * u.w()[i] * v.w()[i] * z.w()[i]
          + 6 * W[i] * (u.w()[i] * v.w()[i] * z.b() + u.w()[i] * v.b() * z.w()[i] + u.b() * v.w()[i] * z.w()[i]);
    }
    assertThat(d3).isWithin(1e-12).of(expected);
    // uᵀ·(d/dε H(l + ε z)·v).
    Layer up = ArrayComponentOrderExamplesDerivatives.cubesHvp(shifted(l, z, H), v);
    Layer down = ArrayComponentOrderExamplesDerivatives.cubesHvp(shifted(l, z, -H), v);
    double fd = u.b() * (up.b() - down.b()) / (2 * H);
    for (int i = 0; i < W.length; i++) {
      fd += u.w()[i] * (up.w()[i] - down.w()[i]) / (2 * H);
    }
    assertThat(d3).isWithin(1e-7).of(fd);
  }

  @Test
  void unitWithARecordAnArrayAndANumberMatchesDifferencesOfTheGradient() {
    Layer l = new Layer(W, B);
    double[] x = {0.2, -0.5, 0.8};
    double t = 0.6;
    Layer vL = new Layer(new double[] {0.4, -0.3, 0.9}, 0.7);
    double[] vX = {-0.2, 0.6, 0.1};
    double vT = -0.8;
    ArrayComponentOrderExamplesDerivatives.UnitGrad hv = ArrayComponentOrderExamplesDerivatives.unitHvp(l, x, t,
        vL, vX, vT);
    ArrayComponentOrderExamplesDerivatives.UnitGrad up = ArrayComponentOrderExamplesDerivatives.unitGrad(
        shifted(l, vL, H), shifted(x, vX, H), t + H * vT);
    ArrayComponentOrderExamplesDerivatives.UnitGrad down = ArrayComponentOrderExamplesDerivatives.unitGrad(
        shifted(l, vL, -H), shifted(x, vX, -H), t - H * vT);
    for (int i = 0; i < W.length; i++) {
      assertThat(hv.l().w()[i]).isWithin(1e-7).of((up.l().w()[i] - down.l().w()[i]) / (2 * H));
      assertThat(hv.x()[i]).isWithin(1e-7).of((up.x()[i] - down.x()[i]) / (2 * H));
    }
    assertThat(hv.l().b()).isWithin(1e-7).of((up.l().b() - down.l().b()) / (2 * H));
    assertThat(hv.t()).isWithin(1e-7).of((up.t() - down.t()) / (2 * H));
    // fDerivative is uᵀ·H·v: the Hvp dotted with the first direction.
    Layer uL = new Layer(new double[] {1.1, 0.3, -0.7}, -0.2);
    double[] uX = {0.5, 0.5, -1.0};
    double uT = 0.3;
    double dot = uL.b() * hv.l().b() + uT * hv.t();
    for (int i = 0; i < W.length; i++) {
      dot += uL.w()[i] * hv.l().w()[i] + uX[i] * hv.x()[i];
    }
    assertThat(ArrayComponentOrderExamplesDerivatives.unitDerivative(l, x, t, uL, uX, uT, vL, vX, vT))
        .isWithin(1e-12).of(dot);
  }

  @Test
  void ruledHvpThroughARuleMatchesDifferencesOfTheGradient() {
    Layer l = new Layer(W, B);
    Layer v = new Layer(new double[] {0.3, 1.1, -0.8}, -0.6);
    Layer hv = ArrayComponentOrderExamplesDerivatives.ruledHvp(l, v);
    Layer up = ArrayComponentOrderExamplesDerivatives.ruledGrad(shifted(l, v, H));
    Layer down = ArrayComponentOrderExamplesDerivatives.ruledGrad(shifted(l, v, -H));
    for (int i = 0; i < W.length; i++) {
      assertThat(hv.w()[i]).isWithin(1e-7).of((up.w()[i] - down.w()[i]) / (2 * H));
    }
    assertThat(hv.b()).isWithin(1e-7).of((up.b() - down.b()) / (2 * H));
  }

  @Test
  void growAsARecordResultWithAnArrayComponentToOrderThree() {
    double t = 0.8;
    // (t, t², t³), sin t: along directions a, b, c the third derivative is (0, 0, 6)·abc, -cos t·abc.
    Layer d3 = ArrayComponentOrderExamplesDerivatives.growDerivative(t, 0.5, -2, 1.5);
    assertThat(d3.w()).usingTolerance(1e-12).containsExactly(0, 0, 6 * -1.5).inOrder();
    assertThat(d3.b()).isWithin(1e-12).of(-Math.cos(t) * -1.5);
  }

  @Test
  void aDirectionOfAnotherLengthIsAnErrorNamingIt() {
    Layer l = new Layer(W, B);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ArrayComponentOrderExamplesDerivatives.cubesHvp(l, new Layer(new double[2], 1)));
    assertThat(e).hasMessageThat().contains("v.w()");
  }

  private static Layer shifted(Layer l, Layer d, double h) {
    return new Layer(shifted(l.w(), d.w(), h), l.b() + h * d.b());
  }

  private static double[] shifted(double[] x, double[] d, double h) {
    double[] out = x.clone();
    for (int i = 0; i < x.length; i++) {
      out[i] += h * d[i];
    }
    return out;
  }
}

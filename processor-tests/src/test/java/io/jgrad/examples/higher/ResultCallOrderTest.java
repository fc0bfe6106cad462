package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.higher.ResultCallOrderExamples.P;
import org.junit.jupiter.api.Test;

/**
 * Calls of functions with an array or record result inside bodies of order 2 and 3: {@code fHessian},
 * {@code fHvp} and {@code fDerivative} against closed forms and central differences of the
 * first-order gradient (or of the Hessian, at order 3).
 */
class ResultCallOrderTest {
  private static final double H = 1e-5;

  @Test
  void featureEnergyThroughAnArrayResultToOrderThree() {
    double w = 0.7;
    // f = w⁴ + sin²w + eʷ.
    assertThat(ResultCallOrderExamplesDerivatives.featureEnergyHessian(w))
        .isWithin(1e-12).of(12 * w * w + 2 * Math.cos(2 * w) + Math.exp(w));
    assertThat(ResultCallOrderExamplesDerivatives.featureEnergyDerivative(w, 1, 1, 1))
        .isWithin(1e-11).of(24 * w - 4 * Math.sin(2 * w) + Math.exp(w));
    assertThat(ResultCallOrderExamplesDerivatives.featureEnergyDerivative(w, 0.5, -2, 1.5))
        .isWithin(1e-11).of(-1.5 * (24 * w - 4 * Math.sin(2 * w) + Math.exp(w)));
    double fd = (ResultCallOrderExamplesDerivatives.featureEnergyGrad(w + H)
        - ResultCallOrderExamplesDerivatives.featureEnergyGrad(w - H)) / (2 * H);
    assertThat(ResultCallOrderExamplesDerivatives.featureEnergyHessian(w)).isWithin(1e-6).of(fd);
  }

  @Test
  void cubesThroughAnArrayParameterAndResult() {
    double[] x = {0.7, -1.3, 0.4};
    double a = 0.8;
    double[] u = {0.3, 1.1, -0.8};
    double uA = -0.4;
    double[] v = {-0.6, 0.2, 1.4};
    double vA = 1.7;
    // f = a Σ xᵢ³: D²f[(u, uA), (v, vA)] = Σ 6a xᵢ uᵢ vᵢ + 3xᵢ² (uᵢ vA + vᵢ uA).
    double expected = 0;
    for (int i = 0; i < x.length; i++) {
      expected += 6 * a * x[i] * u[i] * v[i] + 3 * x[i] * x[i] * (u[i] * vA + v[i] * uA);
    }
    assertThat(ResultCallOrderExamplesDerivatives.cubesThroughCallDerivative(x, a, u, uA, v, vA))
        .isWithin(1e-12).of(expected);
    // H·v against central differences of the gradient along v.
    ResultCallOrderExamplesDerivatives.CubesThroughCallGrad hv =
        ResultCallOrderExamplesDerivatives.cubesThroughCallHvp(x, a, v, vA);
    double[] up = x.clone();
    double[] down = x.clone();
    for (int i = 0; i < x.length; i++) {
      up[i] += H * v[i];
      down[i] -= H * v[i];
    }
    ResultCallOrderExamplesDerivatives.CubesThroughCallGrad gUp =
        ResultCallOrderExamplesDerivatives.cubesThroughCallGrad(up, a + H * vA);
    ResultCallOrderExamplesDerivatives.CubesThroughCallGrad gDown =
        ResultCallOrderExamplesDerivatives.cubesThroughCallGrad(down, a - H * vA);
    for (int i = 0; i < x.length; i++) {
      assertThat(hv.x()[i]).isWithin(1e-7).of((gUp.x()[i] - gDown.x()[i]) / (2 * H));
    }
    assertThat(hv.a()).isWithin(1e-7).of((gUp.a() - gDown.a()) / (2 * H));
  }

  @Test
  void productThroughARecordResultToOrderThree() {
    double x = 0.9;
    double y = -1.2;
    // f = xy·(sin x + y) = xy sin x + xy².
    double[][] h = ResultCallOrderExamplesDerivatives.productHessian(x, y);
    assertThat(h[0][0]).isWithin(1e-12).of(2 * y * Math.cos(x) - x * y * Math.sin(x));
    assertThat(h[0][1]).isWithin(1e-12).of(Math.sin(x) + x * Math.cos(x) + 2 * y);
    assertThat(h[1][0]).isWithin(1e-12).of(h[0][1]);
    assertThat(h[1][1]).isWithin(1e-12).of(2 * x);
    assertThat(ResultCallOrderExamplesDerivatives.productDerivative(x, y, 1, 0, 1, 0, 1, 0))
        .isWithin(1e-12).of(-3 * y * Math.sin(x) - x * y * Math.cos(x));
    assertThat(ResultCallOrderExamplesDerivatives.productDerivative(x, y, 1, 0, 0, 1, 1, 0))
        .isWithin(1e-12).of(2 * Math.cos(x) - x * Math.sin(x));
    // Order 3 along mixed directions against central differences of the Hessian.
    double[] u = {0.4, -1.1};
    double[] v = {1.3, 0.2};
    double[] w = {-0.7, 0.9};
    double[][] hUp = ResultCallOrderExamplesDerivatives.productHessian(x + H * w[0], y + H * w[1]);
    double[][] hDown = ResultCallOrderExamplesDerivatives.productHessian(x - H * w[0], y - H * w[1]);
    double fd = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        fd += u[i] * v[j] * (hUp[i][j] - hDown[i][j]) / (2 * H);
      }
    }
    assertThat(ResultCallOrderExamplesDerivatives.productDerivative(x, y, u[0], u[1], v[0], v[1], w[0], w[1]))
        .isWithin(1e-7).of(fd);
  }

  @Test
  void mixedRecordCallsOnBothBranchesMatchDifferencesOfTheGradient() {
    for (P p : new P[] {new P(0.6, -0.8), new P(-0.5, 1.3)}) {
      double t = 0.35;
      double[][] h = ResultCallOrderExamplesDerivatives.mixedHessian(p, t);
      double[] point = {p.x(), p.y(), t};
      for (int j = 0; j < 3; j++) {
        double[] up = point.clone();
        double[] down = point.clone();
        up[j] += H;
        down[j] -= H;
        double[] gUp = grad(up);
        double[] gDown = grad(down);
        for (int i = 0; i < 3; i++) {
          assertThat(h[i][j]).isWithin(1e-6).of((gUp[i] - gDown[i]) / (2 * H));
        }
      }
      ResultCallOrderExamplesDerivatives.MixedGrad hv =
          ResultCallOrderExamplesDerivatives.mixedHvp(p, t, new P(0.3, -1.2), 0.8);
      double[] direction = {0.3, -1.2, 0.8};
      double[] expected = new double[3];
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          expected[i] += h[i][j] * direction[j];
        }
      }
      assertThat(new double[] {hv.p().x(), hv.p().y(), hv.t()}).usingTolerance(1e-12)
          .containsExactly(expected).inOrder();
    }
  }

  /** mixed's gradient at (p.x, p.y, t), flattened. */
  private static double[] grad(double[] point) {
    ResultCallOrderExamplesDerivatives.MixedGrad g =
        ResultCallOrderExamplesDerivatives.mixedGrad(new P(point[0], point[1]), point[2]);
    return new double[] {g.p().x(), g.p().y(), g.t()};
  }
}

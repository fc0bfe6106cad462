package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The gradient of a function of arrays passed on whole, against closed forms and central differences. */
class GradientsPassedOnTest {
  private static final double H = 1e-6;
  private static final double[][] A = {{2, 0.5, 0}, {0.5, 3, -1}, {0, -1, 4}};
  private static final double[] B = {1, -2, 0.5};
  private static final double[] W = {0.8, -1.4, 0.6};

  @Test
  void theNormOfAGradientHasItsClosedForm() {
    // |Aw + b|² has the gradient 2Aᵀ(Aw + b).
    double[] r = new double[3];
    for (int i = 0; i < 3; i++) {
      r[i] = B[i];
      for (int j = 0; j < 3; j++) {
        r[i] += A[i][j] * W[j];
      }
    }
    double[] expected = new double[3];
    for (int j = 0; j < 3; j++) {
      for (int i = 0; i < 3; i++) {
        expected[j] += 2 * A[i][j] * r[i];
      }
    }
    assertThat(GradientsPassedOnDerivatives.gradientNormGrad(W)).usingTolerance(1e-12)
        .containsExactly(expected).inOrder();
  }

  @Test
  void theNormOfARulesGradientHasItsClosedForm() {
    // By the rule ∇f = (w₁, 2w₀, 2w₂): the value w₁² + 4w₀² + 4w₂², the gradient (8w₀, 2w₁, 8w₂).
    double[] g = GradientsPassedOnDerivatives.skewedGradientNormGrad(W);
    assertThat(g).usingTolerance(1e-12).containsExactly(8 * W[0], 2 * W[1], 8 * W[2]).inOrder();
    for (int j = 0; j < W.length; j++) {
      double[] up = W.clone();
      double[] down = W.clone();
      up[j] += H;
      down[j] -= H;
      assertThat(g[j]).isWithin(1e-6).of((GradientsPassedOn.skewedGradientNorm(up)
          - GradientsPassedOn.skewedGradientNorm(down)) / (2 * H));
    }
  }
}

package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Rules with local arrays at order 2 and 3 against closed forms of their tangents differentiated as
 * written, and against central differences of the gradient.
 */
class RuleArraysAtHigherOrderTest {
  private static final double H = 1e-6;
  private static final double[] X = {0.7, -1.3, 0.4, 1.9};
  private static final double[] V = {0.3, 1.1, -0.8, 0.5};

  @Test
  void pairHasTheHessianOfItsRulesTangent() {
    double x = 0.8;
    double y = -1.4;
    double[][] h = RuleArraysAtHigherOrderDerivatives.pairHessian(x, y);
    // T = (2xy, x²): [[2y, 2x], [2x, 0]].
    assertThat(h[0]).usingTolerance(1e-12).containsExactly(2 * y, 2 * x).inOrder();
    assertThat(h[1]).usingTolerance(1e-12).containsExactly(2 * x, 0.0).inOrder();
  }

  @Test
  void quarticToOrderThree() {
    double[] w = {-0.6, 0.2, 1.4, -0.9};
    double[] diagonal = RuleArraysAtHigherOrderDerivatives.quarticHessianDiagonal(X);
    double third = 0;
    for (int i = 0; i < X.length; i++) {
      assertThat(diagonal[i]).isWithin(1e-12).of(12 * X[i] * X[i]);
      third += 24 * X[i] * V[i] * V[i] * w[i];
    }
    assertThat(RuleArraysAtHigherOrderDerivatives.quarticDerivative(X, V, V, w)).isWithin(1e-12).of(third);
  }

  @Test
  void callerMatchesDifferencesOfItsGradient() {
    int n = X.length;
    double[][] fd = new double[n][n];
    for (int j = 0; j < n; j++) {
      double[] up = X.clone();
      double[] down = X.clone();
      up[j] += H;
      down[j] -= H;
      double[] gUp = RuleArraysAtHigherOrderDerivatives.callerGrad(up);
      double[] gDown = RuleArraysAtHigherOrderDerivatives.callerGrad(down);
      for (int i = 0; i < n; i++) {
        fd[i][j] = (gUp[i] - gDown[i]) / (2 * H);
      }
    }
    double[][] h = RuleArraysAtHigherOrderDerivatives.callerHessian(X);
    double[] hv = RuleArraysAtHigherOrderDerivatives.callerHvp(X, V);
    for (int i = 0; i < n; i++) {
      assertThat(h[i]).usingTolerance(1e-5).containsExactly(fd[i]).inOrder();
      double expected = 0;
      for (int j = 0; j < n; j++) {
        expected += fd[i][j] * V[j];
      }
      assertThat(hv[i]).isWithin(1e-5).of(expected);
    }
    // f = x₀²x₁ + x₀ Σ xᵢ⁴: ∂²f/∂x₀∂x₁ = 2x₀ + 4x₁³.
    assertThat(h[0][1]).isWithin(1e-12).of(2 * X[0] + 4 * X[1] * X[1] * X[1]);
  }

  @Test
  void ruleThatSkipsItsFunctionIsDifferentiatedAsWritten() {
    for (double x : X) {
      // The tangent 2cos(x)·ẋ as written: the second derivative is -2 sin(x), not sin's own -sin(x).
      assertThat(RuleArraysAtHigherOrderDerivatives.doubledHessian(x)).isWithin(1e-12).of(-2 * Math.sin(x));
      double fd = (RuleArraysAtHigherOrderDerivatives.doubledGrad(x + H)
          - RuleArraysAtHigherOrderDerivatives.doubledGrad(x - H)) / (2 * H);
      assertThat(RuleArraysAtHigherOrderDerivatives.doubledHessian(x)).isWithin(1e-6).of(fd);
    }
  }
}

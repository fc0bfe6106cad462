package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Custom rules with an array result at order 2 and 3 ({@code fDerivative}) and functions of order 2
 * calling them ({@code fHessian}, {@code fHvp}), against closed forms of JAX's semantics (the rule
 * applied once, its tangent differentiated as written) and, where the rule is the true derivative,
 * central differences.
 */
class ArrayResultRulesAtHigherOrderTest {
  private static final double H = 1e-5;
  private static final double[] X = {0.7, -1.3, 0.4};
  private static final double[] U = {0.3, 1.1, -0.8};
  private static final double[] V = {-0.6, 0.2, 1.4};
  private static final double[] W = {0.9, -0.5, 0.25};

  @Test
  void squaresDifferentiatesItsRulesTangentAsWritten() {
    // tᵢ = 3xᵢ·uᵢ along w: 3uᵢwᵢ (the value's own derivative, 2xᵢ, plays no part).
    double[] d2 = ArrayResultRulesAtHigherOrderDerivatives.squaresDerivative(X, U, W);
    for (int i = 0; i < X.length; i++) {
      assertThat(d2[i]).isWithin(1e-12).of(3 * U[i] * W[i]);
    }
  }

  @Test
  void scaledExpToOrderThreeHasItsClosedForms() {
    double k = 1.7;
    double uK = 0.4;
    double vK = -0.9;
    double wK = 0.6;
    double[] d2 = ArrayResultRulesAtHigherOrderDerivatives.scaledExpDerivative(X, k, U, uK, V, vK, W, wK);
    for (int i = 0; i < X.length; i++) {
      // yᵢ = e^(xᵢ)·k: D³yᵢ = e^(xᵢ)·(k·uᵢvᵢwᵢ + uK·vᵢwᵢ + vK·uᵢwᵢ + wK·uᵢvᵢ).
      double e = Math.exp(X[i]);
      double expected = e * (k * U[i] * V[i] * W[i] + uK * V[i] * W[i] + vK * U[i] * W[i] + wK * U[i] * V[i]);
      assertThat(d2[i]).isWithin(1e-12).of(expected);
    }
  }

  /** The gradient of throughSquares as the rule makes it, with y's own derivative taken as the rule's 3x·dx. */
  private static double[] ruleGradient(double a, double b, double a0, double b0) {
    double[] x = {a * b, Math.sin(a)};
    double[] x0 = {a0 * b0, Math.sin(a0)};
    double[] y = new double[2];
    for (int i = 0; i < 2; i++) {
      // Value x₀² at (a0, b0), derivative 3x·dx there: the rule applied to the value as well.
      y[i] = x0[i] * x0[i] + 1.5 * (x[i] * x[i] - x0[i] * x0[i]);
    }
    double[] c = {y[1] + 1, y[0]}; // ∂f/∂y
    double[][] dx = {{b, a}, {Math.cos(a), 0}};
    double[] g = new double[2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        g[j] += c[i] * 3 * x[i] * dx[i][j];
      }
    }
    return g;
  }

  @Test
  void aCallerOfOrderTwoDifferentiatesTheRulesTangentAsWritten() {
    double a = 0.7;
    double b = -1.3;
    var g = ArrayResultRulesAtHigherOrderDerivatives.throughSquaresGrad(a, b);
    double[] expected = ruleGradient(a, b, a, b);
    assertThat(g.a()).isWithin(1e-12).of(expected[0]);
    assertThat(g.b()).isWithin(1e-12).of(expected[1]);
    // JAX's hessian(f): the Jacobian of the rule's gradient, the rule applying to y's value too.
    double[][] h = ArrayResultRulesAtHigherOrderDerivatives.throughSquaresHessian(a, b);
    double[] upA = ruleGradient(a + H, b, a, b);
    double[] downA = ruleGradient(a - H, b, a, b);
    double[] upB = ruleGradient(a, b + H, a, b);
    double[] downB = ruleGradient(a, b - H, a, b);
    for (int i = 0; i < 2; i++) {
      assertThat(h[i][0]).isWithin(1e-6).of((upA[i] - downA[i]) / (2 * H));
      assertThat(h[i][1]).isWithin(1e-6).of((upB[i] - downB[i]) / (2 * H));
    }
    var hv = ArrayResultRulesAtHigherOrderDerivatives.throughSquaresHvp(a, b, 0.3, -0.8);
    assertThat(hv.a()).isWithin(1e-12).of(h[0][0] * 0.3 - h[0][1] * 0.8);
    assertThat(hv.b()).isWithin(1e-12).of(h[1][0] * 0.3 - h[1][1] * 0.8);
  }

  @Test
  void aCallerOfATrueRuleMatchesDifferencesOfItsGradient() {
    double k = 1.7;
    // f = k·Σ xᵢe^(xᵢ): ∂²f/∂xᵢ² = k(2 + xᵢ)e^(xᵢ), ∂²f/∂xᵢ∂k = (1 + xᵢ)e^(xᵢ), ∂²f/∂k² = 0.
    var hv = ArrayResultRulesAtHigherOrderDerivatives.throughScaledExpHvp(X, k, U, 0.5);
    double expectedK = 0;
    for (int i = 0; i < X.length; i++) {
      double e = Math.exp(X[i]);
      assertThat(hv.x()[i]).isWithin(1e-12).of(k * (2 + X[i]) * e * U[i] + (1 + X[i]) * e * 0.5);
      expectedK += (1 + X[i]) * e * U[i];
    }
    assertThat(hv.k()).isWithin(1e-12).of(expectedK);
    // Central differences of the gradient along (U, 0.5).
    double[] up = X.clone();
    double[] down = X.clone();
    for (int i = 0; i < X.length; i++) {
      up[i] += H * U[i];
      down[i] -= H * U[i];
    }
    var gUp = ArrayResultRulesAtHigherOrderDerivatives.throughScaledExpGrad(up, k + H * 0.5);
    var gDown = ArrayResultRulesAtHigherOrderDerivatives.throughScaledExpGrad(down, k - H * 0.5);
    for (int i = 0; i < X.length; i++) {
      assertThat(hv.x()[i]).isWithin(1e-6).of((gUp.x()[i] - gDown.x()[i]) / (2 * H));
    }
    assertThat(hv.k()).isWithin(1e-6).of((gUp.k() - gDown.k()) / (2 * H));
  }
}

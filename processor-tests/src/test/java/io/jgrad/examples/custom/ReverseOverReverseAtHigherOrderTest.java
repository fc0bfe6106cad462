package io.jgrad.examples.custom;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Derivatives of order 3 and 4 through @CustomVjp rules, reverse over reverse over reverse: against
 * closed forms of the rules' passes differentiated as written (JAX's semantics) and against central
 * differences of the derivative one order below.
 */
class ReverseOverReverseAtHigherOrderTest {
  private static final double H = 1e-4;
  private static final double[] XS = {-2.0, -0.3, 0.7, 3.0};

  @Test
  void theNotebooksSinRuleAtOrdersThreeAndFour() {
    for (double x : XS) {
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.sinRule3Derivative(x, 1, 1, 1))
          .isWithin(1e-12).of(-Math.cos(x));
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.sinRuleDerivative(x, 1, 1, 1, 1))
          .isWithin(1e-12).of(Math.sin(x));
      // Multilinear in the directions: 2·(-0.5)·3·1.5 times the fourth derivative.
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.sinRuleDerivative(x, 2, -0.5, 3, 1.5))
          .isWithin(1e-12).of(-4.5 * Math.sin(x));
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.sinRuleHessian(x)).isWithin(1e-12).of(-Math.sin(x));
      // The third derivative is the central difference of the Hessian, the fourth that of the third.
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.sinRule3Derivative(x, 1, 1, 1))
          .isWithin(1e-7).of(central(t -> ReverseOverReverseAtHigherOrderDerivatives.sinRule3Hessian(t), x));
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.sinRuleDerivative(x, 1, 1, 1, 1)).isWithin(1e-7)
          .of(central(t -> ReverseOverReverseAtHigherOrderDerivatives.sinRule3Derivative(t, 1, 1, 1), x));
    }
  }

  @Test
  void aForwardPassCallingItsOwnFunctionOrAnotherRulesFunction() {
    for (double x : XS) {
      double e = Math.exp(x);
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.expRuleDerivative(x, 1, 1, 1, 1))
          .isWithin(1e-12 * e).of(e);
      // expSquared's residual is expRule(x): its derivatives come from expRule's rule, 2ⁿ·exp(2x) in all.
      double e2 = Math.exp(2 * x);
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.expSquaredDerivative(x, 1, 1, 1, 1))
          .isWithin(1e-12 * 16 * e2).of(16 * e2);
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.expSquaredHessian(x)).isWithin(1e-12 * 4 * e2).of(4 * e2);
    }
  }

  @Test
  void aRuleOfTwoParametersAlongEachDirection() {
    double x = 0.7;
    double y = -1.3;
    // x²y: the only third derivative is ∂³f/∂x²∂y = 2, so D³f[u, v, w] = 2(uₓvₓw_y + uₓv_ywₓ + u_yvₓwₓ).
    double[][] dirs = {{1, 0}, {0, 1}, {0.4, -1.1}, {2.0, 0.5}};
    for (double[] u : dirs) {
      for (double[] v : dirs) {
        for (double[] w : dirs) {
          double expected = 2 * (u[0] * v[0] * w[1] + u[0] * v[1] * w[0] + u[1] * v[0] * w[0]);
          assertThat(ReverseOverReverseAtHigherOrderDerivatives.productDerivative(x, y, u[0], u[1], v[0], v[1],
              w[0], w[1])).isWithin(1e-12).of(expected);
        }
      }
    }
  }

  @Test
  void theNotebooksClipGradientInACallerOfOrderThree() {
    // f = clip(sin x)·x: f' = sin x + clamp(x) cos x with clamp to [-3/2, 3/2], k = 1 where |x| < 3/2.
    for (double x : new double[] {-2.5, -0.3, 0.7, 1.2, 2.0}) {
      double clamp = Math.max(-1.5, Math.min(1.5, x));
      double k = Math.abs(x) < 1.5 ? 1 : 0;
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.clippedGrad(x))
          .isWithin(1e-12).of(Math.sin(x) + clamp * Math.cos(x));
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.clippedHessian(x))
          .isWithin(1e-12).of((1 + k) * Math.cos(x) - clamp * Math.sin(x));
      double third = -(1 + 2 * k) * Math.sin(x) - clamp * Math.cos(x);
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.clippedDerivative(x, 1, 1, 1)).isWithin(1e-12).of(third);
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.clippedDerivative(x, 1, 1, 1)).isWithin(1e-7)
          .of(central(t -> ReverseOverReverseAtHigherOrderDerivatives.clippedHessian(t), x));
    }
  }

  @Test
  void aLoopCallingARuleAtOrdersThreeAndFour() {
    for (double x : new double[] {-1.1, 0.3, 2.0}) {
      double s = Math.sin(x);
      double c = Math.cos(x);
      // n = 1: sin itself; n = 2: sin(sin x), whose third derivative is written out.
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.sinTimes3Derivative(x, 1, 1, 1, 1)).isWithin(1e-12).of(-c);
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.sinTimes4Derivative(x, 1, 1, 1, 1, 1))
          .isWithin(1e-12).of(s);
      double third = -Math.cos(s) * c * c * c + 3 * Math.sin(s) * s * c - Math.cos(s) * c;
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.sinTimes3Derivative(x, 2, 1, 1, 1))
          .isWithin(1e-12).of(third);
      for (int n : new int[] {0, 1, 2, 3}) {
        double fd3 = central(t -> ReverseOverReverseAtHigherOrderDerivatives.sinTimes3Hessian(t, n), x);
        assertThat(ReverseOverReverseAtHigherOrderDerivatives.sinTimes3Derivative(x, n, 1, 1, 1))
            .isWithin(1e-7).of(fd3);
        double fd4 = central(t -> ReverseOverReverseAtHigherOrderDerivatives.sinTimes3Derivative(t, n, 1, 1, 1), x);
        assertThat(ReverseOverReverseAtHigherOrderDerivatives.sinTimes4Derivative(x, n, 1, 1, 1, 1))
            .isWithin(1e-6).of(fd4);
      }
    }
  }

  @Test
  void aCallerOfTwoParametersThroughThreeRules() {
    double x = 0.6;
    double y = -0.9;
    // f = sin(xy)·x² + exp(2y); each third derivative against central differences of the Hessian.
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        for (int k = 0; k < 2; k++) {
          double[][] plus = ReverseOverReverseAtHigherOrderDerivatives.callerHessian(x + (k == 0 ? H : 0),
              y + (k == 1 ? H : 0));
          double[][] minus = ReverseOverReverseAtHigherOrderDerivatives.callerHessian(x - (k == 0 ? H : 0),
              y - (k == 1 ? H : 0));
          double fd = (plus[i][j] - minus[i][j]) / (2 * H);
          assertThat(ReverseOverReverseAtHigherOrderDerivatives.callerDerivative(x, y, i == 0 ? 1 : 0,
              i == 1 ? 1 : 0, j == 0 ? 1 : 0, j == 1 ? 1 : 0, k == 0 ? 1 : 0, k == 1 ? 1 : 0))
              .isWithin(1e-6).of(fd);
        }
      }
    }
    // ∂³f/∂x³ of sin(xy)·x²: -y³x² cos(xy) - 6y²x sin(xy) + 6y cos(xy); ∂³f/∂y³ adds 8 exp(2y).
    double s = Math.sin(x * y);
    double c = Math.cos(x * y);
    assertThat(ReverseOverReverseAtHigherOrderDerivatives.callerDerivative(x, y, 1, 0, 1, 0, 1, 0))
        .isWithin(1e-12).of(-y * y * y * x * x * c - 6 * y * y * x * s + 6 * y * c);
    assertThat(ReverseOverReverseAtHigherOrderDerivatives.callerDerivative(x, y, 0, 1, 0, 1, 0, 1))
        .isWithin(1e-11).of(-x * x * x * x * x * c + 8 * Math.exp(2 * y));
  }

  @Test
  void aDerivativeCallOfAnOrderFourRuleInAnOrderTwoCaller() {
    for (double x : XS) {
      // slope = x·cos x: slope' = cos x - x sin x, slope'' = -2 sin x - x cos x.
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.slopeGrad(x))
          .isWithin(1e-12).of(Math.cos(x) - x * Math.sin(x));
      assertThat(ReverseOverReverseAtHigherOrderDerivatives.slopeHessian(x))
          .isWithin(1e-12).of(-2 * Math.sin(x) - x * Math.cos(x));
    }
  }

  private static double central(DoubleUnaryOperator f, double x) {
    return (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
  }
}

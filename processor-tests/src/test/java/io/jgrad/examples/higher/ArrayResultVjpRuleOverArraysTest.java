package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code fDerivative} of a {@code @CustomVjp} rule with an array result over an array and a double
 * at order 2 (JAX's {@code jacrev(jacrev(f))} through a {@code custom_vjp}, contracted with the
 * directions, direction 1 the inner derivative, the rule's own): against the closed form under the
 * rule's asymmetric {@code bwd} and central differences of the first-order pullback.
 */
class ArrayResultVjpRuleOverArraysTest {
  private static final double H = 1e-6;
  private static final double[] X = {0.8, -1.4};
  private static final double S = 0.7;
  private static final double[] U = {0.3, 1.1};
  private static final double U_S = 0.5;
  private static final double[] W = {-0.4, 0.9};
  private static final double W_S = -0.6;

  @Test
  void derivativeIsTheClosedFormUnderTheRule() {
    double[] d = ArrayResultVjpRuleOverArraysDerivatives.bendDerivative(X, S, U, U_S, W, W_S);
    // Row 0 of the rule's Jacobian, (x₁s, x₀², x₀x₁), differentiated as written; row 1, (3x₀, 0, 0).
    double d0 = U[0] * (S * W[1] + X[1] * W_S) + U[1] * 2 * X[0] * W[0] + U_S * (X[1] * W[0] + X[0] * W[1]);
    assertThat(d).usingTolerance(1e-12).containsExactly(d0, 3 * U[0] * W[0]).inOrder();
    // Direction 1 is the rule's own derivative: swapped, another array.
    double[] swapped = ArrayResultVjpRuleOverArraysDerivatives.bendDerivative(X, S, W, W_S, U, U_S);
    double s0 = W[0] * (S * U[1] + X[1] * U_S) + W[1] * 2 * X[0] * U[0] + W_S * (X[1] * U[0] + X[0] * U[1]);
    assertThat(swapped[0]).isWithin(1e-12).of(s0);
    assertThat(s0).isNotWithin(1e-3).of(d0);
  }

  @Test
  void derivativeIsTheDerivativeOfThePullbackAlongW() {
    double[] d = ArrayResultVjpRuleOverArraysDerivatives.bendDerivative(X, S, U, U_S, W, W_S);
    for (int k = 0; k < 2; k++) {
      // Component k of D²f[u, w] is the derivative along w of eₖᵀ·J·u, J the rule's Jacobian.
      double up = along(plus(X, W, H), S + H * W_S, k);
      double down = along(plus(X, W, -H), S - H * W_S, k);
      assertThat(d[k]).isWithin(1e-7).of((up - down) / (2 * H));
    }
  }

  @Test
  void aDirectionOfAnotherLengthNamesIt() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ArrayResultVjpRuleOverArraysDerivatives.bendDerivative(X, S, U, U_S, new double[] {1}, W_S));
    assertThat(e).hasMessageThat().contains("xDot2");
  }

  private static double along(double[] x, double s, int k) {
    double[] e = new double[2];
    e[k] = 1;
    ArrayResultVjpRuleOverArraysDerivatives.BendGrad g =
        ArrayResultVjpRuleOverArraysDerivatives.bendVjp(x, s).pullback(e);
    return g.x()[0] * U[0] + g.x()[1] * U[1] + g.s() * U_S;
  }

  private static double[] plus(double[] x, double[] d, double h) {
    return new double[] {x[0] + h * d[0], x[1] + h * d[1]};
  }
}

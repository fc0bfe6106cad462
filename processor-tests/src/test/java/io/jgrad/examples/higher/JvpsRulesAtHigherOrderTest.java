package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * jvps rules at orders 2 and 3 against JAX's semantics, worked out by hand: with value F = sin(x)·y
 * and the rules' tangent coefficients Tx = 2 cos x · y and Ty = 3F, Dᵏf[v1, ..., vk] differentiates
 * Σᵢ v1ᵢ·Tᵢ along v2, ..., vk as written, each F through the rules again (∂F = (Tx, Ty)).
 */
class JvpsRulesAtHigherOrderTest {
  private static final double[][] POINTS = {{0.3, -0.8}, {1.1, 0.5}, {-0.6, 1.7}};

  @Test
  void secondDerivativesDifferentiateTheRulesAsWritten() {
    for (double[] p : POINTS) {
      double x = p[0];
      double y = p[1];
      double f = Math.sin(x) * y;
      // ∂x Tx, ∂y Tx, ∂x Ty = 3 Tx, ∂y Ty = 3 Ty = 9F.
      double xx = -2 * y * Math.sin(x);
      double xy = 2 * Math.cos(x);
      double yx = 6 * y * Math.cos(x);
      double yy = 9 * f;
      // D²f[v1, v2] = ∂v2 (Σᵢ v1ᵢ Tᵢ): jvp of jvp, v1 the inner direction.
      assertThat(JvpsRulesAtHigherOrderDerivatives.skewedTwiceDerivative(x, y, 1, 0, 1, 0)).isWithin(1e-12).of(xx);
      assertThat(JvpsRulesAtHigherOrderDerivatives.skewedTwiceDerivative(x, y, 1, 0, 0, 1)).isWithin(1e-12).of(xy);
      assertThat(JvpsRulesAtHigherOrderDerivatives.skewedTwiceDerivative(x, y, 0, 1, 1, 0)).isWithin(1e-12).of(yx);
      assertThat(JvpsRulesAtHigherOrderDerivatives.skewedTwiceDerivative(x, y, 0, 1, 0, 1)).isWithin(1e-12).of(yy);
      assertThat(JvpsRulesAtHigherOrderDerivatives.skewedTwiceDerivative(x, y, 0.4, -1.5, 2, 0.5)).isWithin(1e-12)
          .of(0.4 * (2 * xx + 0.5 * xy) - 1.5 * (2 * yx + 0.5 * yy));
      // First order: the rules themselves.
      JvpsRulesAtHigherOrderDerivatives.SkewedGrad g = JvpsRulesAtHigherOrderDerivatives.skewedGrad(x, y);
      assertThat(g.x()).isWithin(1e-12).of(2 * Math.cos(x) * y);
      assertThat(g.y()).isWithin(1e-12).of(3 * f);
    }
  }

  /**
   * The rules' second derivatives are not symmetric (∂y Tx ≠ ∂x Ty), so the Hessian's index order shows:
   * fHessian[i][j] is ∂ⱼTᵢ (JAX's jacfwd(jacrev(f))) and fHvp is jvp(grad(f)) along v, component i
   * Σⱼ ∂ⱼTᵢ·vⱼ, which is the Hessian times v.
   */
  @Test
  void theHessianAndItsProductFollowJaxWhereTheRulesSecondDerivativesAreNotSymmetric() {
    for (double[] p : POINTS) {
      double x = p[0];
      double y = p[1];
      double f = Math.sin(x) * y;
      double xx = -2 * y * Math.sin(x);
      double xy = 2 * Math.cos(x);
      double yx = 6 * y * Math.cos(x);
      double yy = 9 * f;
      double[][] h = JvpsRulesAtHigherOrderDerivatives.skewedTwiceHessian(x, y);
      assertThat(h[0][1]).isWithin(1e-12).of(xy);
      assertThat(h[1][0]).isWithin(1e-12).of(yx);
      double vX = 0.7;
      double vY = -1.3;
      JvpsRulesAtHigherOrderDerivatives.SkewedTwiceGrad hv = JvpsRulesAtHigherOrderDerivatives.skewedTwiceHvp(x, y, vX, vY);
      assertThat(hv.x()).isWithin(1e-12).of(xx * vX + xy * vY);
      assertThat(hv.y()).isWithin(1e-12).of(yx * vX + yy * vY);
      assertThat(hv.x()).isWithin(1e-12).of(h[0][0] * vX + h[0][1] * vY);
      assertThat(hv.y()).isWithin(1e-12).of(h[1][0] * vX + h[1][1] * vY);
    }
  }

  @Test
  void thirdDerivativesGoThroughTheRulesAgain() {
    for (double[] p : POINTS) {
      double x = p[0];
      double y = p[1];
      double f = Math.sin(x) * y;
      assertThat(JvpsRulesAtHigherOrderDerivatives.skewedDerivative(x, y, 1, 0, 1, 0, 1, 0)).isWithin(1e-12)
          .of(-2 * y * Math.cos(x));
      assertThat(JvpsRulesAtHigherOrderDerivatives.skewedDerivative(x, y, 0, 1, 0, 1, 0, 1)).isWithin(1e-12)
          .of(27 * f);
      // ∂x∂x Ty = 3 ∂x Tx; ∂x∂y Tx = ∂x (2 cos x).
      assertThat(JvpsRulesAtHigherOrderDerivatives.skewedDerivative(x, y, 0, 1, 1, 0, 1, 0)).isWithin(1e-12)
          .of(-6 * y * Math.sin(x));
      assertThat(JvpsRulesAtHigherOrderDerivatives.skewedDerivative(x, y, 1, 0, 0, 1, 1, 0)).isWithin(1e-12)
          .of(-2 * Math.sin(x));
    }
  }

  @Test
  void aMissingRuleIsZeroAtEveryOrderAndARuleBodyWithLocalsIsDifferentiated() {
    for (double[] p : POINTS) {
      double x = p[0];
      double y = p[1];
      // Tx = x·y, Ty = 0: ∂x Tx = y, ∂y Tx = x, and nothing from y's direction.
      double[][] h = {{y, x}, {0, 0}};
      SecondDirections.assertUnitPairs(
          (a, b, c, d) -> JvpsRulesAtHigherOrderDerivatives.halfDerivative(x, y, a, b, c, d), h);
    }
  }

  @Test
  void aCallerOfOrder2GoesThroughTheRulesAtBothOrders() {
    for (double[] p : POINTS) {
      double x = p[0];
      double u = x * x;
      double f = Math.sin(x) * u;
      double tx = 2 * Math.cos(x) * u;
      double ty = 3 * f;
      // d/dx skewed(x, x²) = Tx + 2x·Ty.
      assertThat(JvpsRulesAtHigherOrderDerivatives.callsSkewedGrad(x)).isWithin(1e-12).of(tx + 2 * x * ty);
      // d/dx again: ∂x Tx + 2x ∂y Tx + 2 Ty + 2x (∂x Ty + 2x ∂y Ty).
      double second = -2 * u * Math.sin(x) + 2 * x * 2 * Math.cos(x) + 2 * ty
          + 2 * x * (3 * tx + 2 * x * 3 * ty);
      assertThat(JvpsRulesAtHigherOrderDerivatives.callsSkewedHessian(x)).isWithin(1e-10).of(second);
    }
  }
}

package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Linear callees in rules at orders 1 to 3 and in {@code jvps} rules, against JAX's semantics worked
 * out by hand: the rule's tangent, scale3(ẋ, k) = 3k·ẋ, is differentiated as written above the first
 * order, so a coefficient k that is linear in x leaves nothing at order 3.
 */
class LinearCalleeRulesAtHigherOrderTest {
  private static final double[] XS = {-1.3, 0.4, 0.9, 2.2};
  private static final double[][] POINTS = {{0.3, -0.8}, {1.1, 0.5}, {-0.6, 1.7}};

  @Test
  void aJvpRuleThroughALinearCalleeAtOrders1To3() {
    for (double x : XS) {
      assertThat(LinearCalleeRulesAtHigherOrderDerivatives.cubedGrad(x)).isWithin(1e-12).of(3 * x);
      assertThat(LinearCalleeRulesAtHigherOrderDerivatives.cubedJvp(x, 0.5).tangent()).isWithin(1e-12).of(1.5 * x);
      assertThat(LinearCalleeRulesAtHigherOrderDerivatives.cubedHessian(x)).isWithin(1e-12).of(3);
      assertThat(LinearCalleeRulesAtHigherOrderDerivatives.cubedDerivative(x, 1, 1, 1)).isWithin(1e-12).of(0);
      assertThat(LinearCalleeRulesAtHigherOrderDerivatives.cubedTwiceGrad(x)).isWithin(1e-12).of(3 * x);
      assertThat(LinearCalleeRulesAtHigherOrderDerivatives.cubedTwiceHessian(x)).isWithin(1e-12).of(3);
    }
  }

  @Test
  void jvpsRulesThroughALinearCallee() {
    for (double[] p : POINTS) {
      double x = p[0];
      double y = p[1];
      double f = Math.sin(x) * y;
      double tx = 3 * y * Math.cos(x);
      double ty = 3 * f;
      assertThat(LinearCalleeRulesAtHigherOrderDerivatives.sinTimesOnceGrad(x, y).x()).isWithin(1e-12).of(tx);
      assertThat(LinearCalleeRulesAtHigherOrderDerivatives.sinTimesOnceGrad(x, y).y()).isWithin(1e-12).of(ty);
      assertThat(LinearCalleeRulesAtHigherOrderDerivatives.sinTimesOnceJvp(x, y, 0.4, -1.5).tangent())
          .isWithin(1e-12).of(0.4 * tx - 1.5 * ty);
      assertThat(LinearCalleeRulesAtHigherOrderDerivatives.sinTimesGrad(x, y).x()).isWithin(1e-12).of(tx);
      // D²f[v1, v2] = ∂v2 (v1x·Tx + v1y·Ty): ∂x Tx = -3y sin x, ∂y Tx = 3 cos x, ∂x Ty = 3 Tx, ∂y Ty = 3 Ty.
      double[][] h = {{-3 * y * Math.sin(x), 3 * Math.cos(x)}, {3 * tx, 3 * ty}};
      SecondDirections.assertUnitPairs(
          (a, b, c, d) -> LinearCalleeRulesAtHigherOrderDerivatives.sinTimesDerivative(x, y, a, b, c, d), h);
    }
  }
}

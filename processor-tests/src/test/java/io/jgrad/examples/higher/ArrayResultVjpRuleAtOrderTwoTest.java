package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * fDerivative of a {@code @CustomVjp} rule with an array result at order 2, reverse over reverse: bwd
 * differentiated as written (closed form) and against central differences of the generated VJP.
 */
class ArrayResultVjpRuleAtOrderTwoTest {
  private static final double H = 1e-6;

  @Test
  void derivativeDifferentiatesBwdAsWritten() {
    double a = 0.7;
    double b = -1.3;
    double uA = 0.4;
    double uB = -0.9;
    double wA = 1.1;
    double wB = 0.6;
    // bwd: pullback_a = 2b·g₀ + 2ab·g₁, pullback_b = a·g₀ + a²·g₁; component k is
    // Σᵢ uᵢ Σⱼ wⱼ ∂ⱼ pullback_i(eₖ): k = 0 gives 2·u_a·w_b + u_b·w_a (not symmetric in u and w),
    // k = 1 gives u_a·(2b·w_a + 2a·w_b) + u_b·2a·w_a.
    double[] d = ArrayResultVjpRuleAtOrderTwoDerivatives.stretchDerivative(a, b, uA, uB, wA, wB);
    assertThat(d).usingTolerance(1e-12).containsExactly(2 * uA * wB + uB * wA,
        uA * (2 * b * wA + 2 * a * wB) + uB * 2 * a * wA).inOrder();
    for (int k = 0; k < 2; k++) {
      double[] e = new double[2];
      e[k] = 1;
      var up = ArrayResultVjpRuleAtOrderTwoDerivatives.stretchVjp(a + H * wA, b + H * wB).pullback(e);
      var down = ArrayResultVjpRuleAtOrderTwoDerivatives.stretchVjp(a - H * wA, b - H * wB).pullback(e);
      assertThat(d[k]).isWithin(1e-6).of((uA * (up.a() - down.a()) + uB * (up.b() - down.b())) / (2 * H));
    }
  }
}

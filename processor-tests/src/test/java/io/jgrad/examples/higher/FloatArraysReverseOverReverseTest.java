package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Reverse over reverse through a {@code @CustomVjp} rule with {@code float[]} parameters, the rule's
 * {@code bwd} differentiated as written: {@code fHessian} (row i ∂(∇f)ᵢ/∂w), {@code fHvp} (H·v) and
 * {@code fVhp} (vᵀ·H) against the closed form of the rule's asymmetric Hessian, and the order-3
 * {@code fDerivative} against central differences of {@code fHvp}. Floats: within float rounding.
 */
class FloatArraysReverseOverReverseTest {
  private static final float[] W = {0.8f, -1.4f, 0.6f};
  private static final float[] V = {0.3f, 1.1f, -0.8f};

  /** By the rule skew (gradient (b², 2a)): ∇f = (w₁²w₂ + 3w₀², 2w₀w₂, w₀w₁), H its Jacobian. */
  private static double[][] cubicHessian(float[] w) {
    double w0 = w[0];
    double w1 = w[1];
    double w2 = w[2];
    return new double[][] {{6 * w0, 2 * w1 * w2, w1 * w1}, {2 * w2, 0, 2 * w0}, {w1 * w1, 2 * w0, 0}};
  }

  @Test
  void cubicHessianHvpAndVhpAreTheRulesAsymmetricHessian() {
    double[][] h = cubicHessian(W);
    double[][] hessian = FloatArraysReverseOverReverseDerivatives.cubicHessian(W);
    float[] hv = FloatArraysReverseOverReverseDerivatives.cubicHvp(W, V);
    float[] vh = FloatArraysReverseOverReverseDerivatives.cubicVhp(W, V);
    for (int i = 0; i < 3; i++) {
      assertThat(hessian[i]).usingTolerance(1e-5).containsExactly(h[i]).inOrder();
      double row = 0;
      double column = 0;
      for (int j = 0; j < 3; j++) {
        row += h[i][j] * V[j];
        column += V[j] * h[j][i];
      }
      assertThat((double) hv[i]).isWithin(1e-5).of(row);
      assertThat((double) vh[i]).isWithin(1e-5).of(column);
    }
    // The rule's Hessian is not symmetric: H·v and vᵀ·H differ.
    assertThat((double) hv[0]).isNotWithin(1e-2).of(vh[0]);
  }

  @Test
  void mixedHvpIsTheJacobianOfTheGradientTimesV() {
    double b = 0.7;
    double vB = 0.5;
    // ∇f = (w₁²b + b², 2w₀b, b²; w₀w₁ + 2w₂ + 2b·w₀), its Jacobian over (w₀, w₁, w₂, b):
    // [[0, 2w₁b, 0, w₁² + 2b], [2b, 0, 0, 2w₀], [0, 0, 0, 2b], [w₁² + 2b, 2w₀, 2, 2w₀]].
    double w0 = W[0];
    double w1 = W[1];
    var hv = FloatArraysReverseOverReverseDerivatives.mixedHvp(W, b, V, vB);
    assertThat((double) hv.w()[0]).isWithin(1e-5).of(2 * w1 * b * V[1] + (w1 * w1 + 2 * b) * vB);
    assertThat((double) hv.w()[1]).isWithin(1e-5).of(2 * b * V[0] + 2 * w0 * vB);
    assertThat((double) hv.w()[2]).isWithin(1e-5).of(2 * b * vB);
    assertThat(hv.b()).isWithin(1e-5).of((w1 * w1 + 2 * b) * V[0] + 2 * w0 * V[1] + 2 * V[2] + 2 * w0 * vB);
  }

  @Test
  void thirdDerivativeIsTheClosedFormUnderTheRule() {
    double[] c = {0.5, 0.2};
    float[] u = {0.2f, -0.3f, 0.5f};
    float[] t = {0.7f, 0.2f, -1.3f};
    double[] uC = {0.1, 0.4};
    double[] vC = {0.3, -0.2};
    double[] tC = {-0.6, 0.9};
    assertThat(FloatArraysReverseOverReverseDerivatives.thirdDerivative(W, c, u, uC, V, vC, t, tC))
        .isWithin(1e-5).of(third(u, uC, V, vC, t, tC));
    // Direction 1 is the innermost derivative: swapped with direction 2, another number.
    assertThat(FloatArraysReverseOverReverseDerivatives.thirdDerivative(W, c, V, vC, u, uC, t, tC))
        .isWithin(1e-5).of(third(V, vC, u, uC, t, tC));
    assertThat(third(V, vC, u, uC, t, tC)).isNotWithin(1e-2).of(third(u, uC, V, vC, t, tC));
  }

  /**
   * D³f[u, v, t] for f = skew(w₀, w₁)·w₂ + w₀²·c₀ under the rule: ∇f = (w₁²w₂ + 2w₀c₀, 2w₀w₂, w₀w₁;
   * w₀², 0), so H's nonzero entries (row, column) are (w₀, w₀) 2c₀, (w₀, w₁) 2w₁w₂, (w₀, w₂) w₁²,
   * (w₀, c₀) 2w₀, (w₁, w₀) 2w₂, (w₁, w₂) 2w₀, (w₂, w₀) w₁², (w₂, w₁) 2w₀ (the rule again), (c₀, w₀)
   * 2w₀, each differentiated along t as written.
   */
  private static double third(float[] u, double[] uC, float[] v, double[] vC, float[] t, double[] tC) {
    double w1 = W[1];
    double w2 = W[2];
    return u[0] * v[0] * 2 * tC[0]
        + u[0] * v[1] * (2 * w2 * t[1] + 2 * w1 * t[2])
        + u[0] * v[2] * 2 * w1 * t[1]
        + u[0] * vC[0] * 2 * t[0]
        + u[1] * v[0] * 2 * t[2]
        + u[1] * v[2] * 2 * t[0]
        + u[2] * v[0] * 2 * w1 * t[1]
        + u[2] * v[1] * 2 * t[0]
        + uC[0] * v[0] * 2 * t[0];
  }
}

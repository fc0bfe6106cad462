package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code fHessian}, {@code fHvp} and {@code fVhp} of functions of one {@code double[]} that reach a
 * {@code @CustomVjp} rule (reverse over reverse, JAX's {@code jacrev(jacrev(f))}, {@code jvp(grad(f))}
 * and {@code grad(lambda x: vdot(grad(f)(x), v))}), against closed forms and central differences of
 * {@code fGrad}.
 */
class ArrayParamsReverseOverReverseTest {
  private static final double H = 1e-5;
  private static final double[] X = {0.7, -1.3, 0.4, 1.9};
  private static final double[] V = {0.3, 1.1, -0.8, 0.5};

  @Test
  void sineProductHasItsClosedForm() {
    double[][] h = ArrayParamsReverseOverReverseDerivatives.sineProductHessian(X);
    // f = sin(x₀)·x₁: ∂₀∂₀ = -sin(x₀)x₁, ∂₀∂₁ = cos(x₀), the rest 0.
    double[][] expected = new double[X.length][X.length];
    expected[0][0] = -Math.sin(X[0]) * X[1];
    expected[0][1] = Math.cos(X[0]);
    expected[1][0] = Math.cos(X[0]);
    for (int i = 0; i < X.length; i++) {
      assertThat(h[i]).usingTolerance(1e-12).containsExactly(expected[i]).inOrder();
    }
    double[] hv = ArrayParamsReverseOverReverseDerivatives.sineProductHvp(X, V);
    assertThat(hv).usingTolerance(1e-12).containsExactly(
        expected[0][0] * V[0] + expected[0][1] * V[1], expected[1][0] * V[0], 0.0, 0.0).inOrder();
  }

  @Test
  void ringMatchesDifferencesOfItsGradient() {
    int k = 3;
    double[][] h = ArrayParamsReverseOverReverseDerivatives.ringHessian(X, k);
    for (int j = 0; j < X.length; j++) {
      double[] up = X.clone();
      double[] down = X.clone();
      up[j] += H;
      down[j] -= H;
      double[] gUp = ArrayParamsReverseOverReverseDerivatives.ringGrad(up, k);
      double[] gDown = ArrayParamsReverseOverReverseDerivatives.ringGrad(down, k);
      for (int i = 0; i < X.length; i++) {
        assertThat(h[i][j]).isWithin(1e-7).of((gUp[i] - gDown[i]) / (2 * H));
      }
    }
    double[] hv = ArrayParamsReverseOverReverseDerivatives.ringHvp(X, k, V);
    for (int i = 0; i < X.length; i++) {
      double expected = 0;
      for (int j = 0; j < X.length; j++) {
        expected += h[i][j] * V[j];
      }
      assertThat(hv[i]).isWithin(1e-12).of(expected);
    }
  }

  @Test
  void anAsymmetricRuleKeepsJacrevOfJacrevsOrientation() {
    double[] x = {0.8, -1.4, 0.6};
    // skew's rule gives the gradient (x₁, 2x₀) for (x₀, x₁), x₂² adds 2x₂: row i is ∂(∇f)ᵢ/∂x.
    double[][] h = ArrayParamsReverseOverReverseDerivatives.skewedHessian(x);
    assertThat(h[0]).usingTolerance(1e-12).containsExactly(0.0, 1.0, 0.0).inOrder();
    assertThat(h[1]).usingTolerance(1e-12).containsExactly(2.0, 0.0, 0.0).inOrder();
    assertThat(h[2]).usingTolerance(1e-12).containsExactly(0.0, 0.0, 2.0).inOrder();
    // fHvp is H·v (jvp(grad(f)), rows as fHessian's): (v₁, 2v₀, 2v₂); fVhp is the gradient of ∇f·v,
    // vᵀ·H: (2v₁, v₀, 2v₂). They differ because the rule's second derivatives are not symmetric.
    double[] v = {0.3, 1.1, -0.8};
    assertThat(ArrayParamsReverseOverReverseDerivatives.skewedHvp(x, v)).usingTolerance(1e-12)
        .containsExactly(v[1], 2 * v[0], 2 * v[2]).inOrder();
    assertThat(ArrayParamsReverseOverReverseDerivatives.skewedVhp(x, v)).usingTolerance(1e-12)
        .containsExactly(2 * v[1], v[0], 2 * v[2]).inOrder();
  }

  @Test
  void hvpIsDifferencesOfTheGradientAlongVThroughAnAsymmetricRule() {
    double[] x = {0.8, -1.4, 0.6};
    double[] v = {0.3, 1.1, -0.8};
    double h = 1e-5;
    double[] up = x.clone();
    double[] down = x.clone();
    for (int i = 0; i < x.length; i++) {
      up[i] += h * v[i];
      down[i] -= h * v[i];
    }
    double[] gUp = ArrayParamsReverseOverReverseDerivatives.skewedGrad(up);
    double[] gDown = ArrayParamsReverseOverReverseDerivatives.skewedGrad(down);
    double[] hv = ArrayParamsReverseOverReverseDerivatives.skewedHvp(x, v);
    for (int i = 0; i < x.length; i++) {
      assertThat(hv[i]).isWithin(1e-7).of((gUp[i] - gDown[i]) / (2 * h));
    }
  }

  @Test
  void aDirectionOfAnotherLengthNamesIt() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ArrayParamsReverseOverReverseDerivatives.sineProductHvp(X, new double[] {1, 2}));
    assertThat(e).hasMessageThat().contains("v");
    e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ArrayParamsReverseOverReverseDerivatives.sineProductVhp(X, new double[] {1, 2}));
    assertThat(e).hasMessageThat().contains("v");
  }
}

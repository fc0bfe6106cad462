package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The gradient of functions of arrays that reach a {@code @CustomVjp} rule, read in a body: the
 * caller's gradient differentiates {@code bwd} as written (JAX: {@code grad} of a function calling
 * {@code grad(f)}, with f's {@code custom_vjp}), which is the derivative of the numbers the caller
 * computes; against closed forms (the asymmetric rule tells Jᵀ·d from J·d) and central differences.
 */
class ReverseOnlyArrayGradientCallsTest {
  private static final double H = 1e-6;
  private static final double[] W = {0.8, -1.4, 0.6};

  @Test
  void aGradientReadInPlaceIsDifferentiatedAsJacobianTransposedTimesD() {
    double[] d = {0.3, 1.1, -0.8};
    var g = ReverseOnlyArrayGradientCallsDerivatives.skewSlopeGrad(W, d);
    // By the rule ∇f = (w₁, 2w₀, 2w₂), J = [[0, 1, 0], [2, 0, 0], [0, 0, 2]]: Jᵀ·d = (2d₁, d₀, 2d₂).
    assertThat(g.w()).usingTolerance(1e-12).containsExactly(2 * d[1], d[0], 2 * d[2]).inOrder();
    assertThat(g.d()).usingTolerance(1e-12).containsExactly(W[1], 2 * W[0], 2 * W[2]).inOrder();
    assertMatchesDifferences(g.w(), W, w -> ReverseOnlyArrayGradientCalls.skewSlope(w, d));
  }

  @Test
  void aPullbackReadIntoALocalHasItsClosedForm() {
    double s = 0.7;
    var g = ReverseOnlyArrayGradientCallsDerivatives.pulledGrad(W, s);
    // p = s·(w₁, 2w₀, 2w₂), so the value is 2s²w₀w₁ + 2s·w₂.
    assertThat(g.w()).usingTolerance(1e-12)
        .containsExactly(2 * s * s * W[1], 2 * s * s * W[0], 2 * s).inOrder();
    assertThat(g.s()).isWithin(1e-12).of(4 * s * W[0] * W[1] + 2 * W[2]);
  }

  @Test
  void theComponentsOfAGradientRecordHaveTheirClosedForm() {
    double b = 0.7;
    var g = ReverseOnlyArrayGradientCallsDerivatives.mixedSlopeGrad(W, b);
    // ∇f = (w₁ + b², 2w₀, b; 2w₂ + 2b·w₀), so the value is 3w₀w₁ + 3b²w₀ + 3b·w₂.
    assertThat(g.w()).usingTolerance(1e-12).containsExactly(3 * W[1] + 3 * b * b, 3 * W[0], 3 * b).inOrder();
    assertThat(g.b()).isWithin(1e-12).of(6 * b * W[0] + 3 * W[2]);
    assertMatchesDifferences(g.w(), W, w -> ReverseOnlyArrayGradientCalls.mixedSlope(w, b));
  }

  @Test
  void aGradientStepMatchesDifferences() {
    double[] w = {0.7, -1.3, 0.4, 1.9};
    double lr = 0.1;
    var g = ReverseOnlyArrayGradientCallsDerivatives.wavesAfterStepGrad(w, lr);
    assertMatchesDifferences(g.w(), w, x -> ReverseOnlyArrayGradientCalls.wavesAfterStep(x, lr));
    double expected = (ReverseOnlyArrayGradientCalls.wavesAfterStep(w, lr + H)
        - ReverseOnlyArrayGradientCalls.wavesAfterStep(w, lr - H)) / (2 * H);
    assertThat(g.lr()).isWithin(1e-6).of(expected);
  }

  /** {@code gradient}, f's gradient at w, against central differences of f. */
  private static void assertMatchesDifferences(double[] gradient, double[] w, ToDoubleFunction<double[]> f) {
    for (int j = 0; j < w.length; j++) {
      double[] up = w.clone();
      double[] down = w.clone();
      up[j] += H;
      down[j] -= H;
      assertThat(gradient[j]).isWithin(1e-6).of((f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * H));
    }
  }
}

package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** H·v read in a body, differentiated through f's third derivatives: closed forms and central differences. */
class HvpCallsTest {
  private static final double H = 1e-6;
  private static final double[] X = {0.8, -1.4, 0.6};
  private static final double[] V = {0.3, 1.1, -0.8};

  @Test
  void curvatureHasItsClosedForm() {
    var g = HvpCallsDerivatives.curvatureGrad(X, V);
    // ∂/∂xₖ of vᵀHv = Σᵢⱼ vᵢvⱼ∂³f/∂xᵢ∂xⱼ∂xₖ: 6xₖvₖ² from ∂³/∂xₖ³, 2·(the other two v's) from ∂³/∂x₀∂x₁∂x₂.
    assertThat(g.x()).usingTolerance(1e-12).containsExactly(6 * X[0] * V[0] * V[0] + 2 * V[1] * V[2],
        6 * X[1] * V[1] * V[1] + 2 * V[0] * V[2], 6 * X[2] * V[2] * V[2] + 2 * V[0] * V[1]).inOrder();
    // ∂/∂v of vᵀHv = 2Hv.
    assertThat(g.v()).usingTolerance(1e-12).containsExactly(
        2 * (3 * X[0] * X[0] * V[0] + X[2] * V[1] + X[1] * V[2]),
        2 * (X[2] * V[0] + 3 * X[1] * X[1] * V[1] + X[0] * V[2]),
        2 * (X[1] * V[0] + X[0] * V[1] + 3 * X[2] * X[2] * V[2])).inOrder();
  }

  @Test
  void alongMatchesDifferencesInBothModes() {
    var g = HvpCallsDerivatives.alongGrad(X, V);
    assertMatchesDifferences(g.x(), X, x -> HvpCalls.along(x, V));
    assertMatchesDifferences(g.v(), V, v -> HvpCalls.along(X, v));
    double[] dx = {0.2, -0.5, 0.9};
    double[] dv = {-0.3, 0.4, 0.1};
    double expected = 0;
    for (int i = 0; i < X.length; i++) {
      expected += g.x()[i] * dx[i] + g.v()[i] * dv[i];
    }
    assertThat(HvpCallsDerivatives.alongJvp(X, V, dx, dv).tangent()).isWithin(1e-12).of(expected);
    assertThat(HvpCallsDerivatives.curvatureJvp(X, V, dx, dv).tangent()).isWithin(1e-6).of(
        (HvpCalls.curvature(plus(X, dx, H), plus(V, dv, H)) - HvpCalls.curvature(plus(X, dx, -H), plus(V, dv, -H)))
            / (2 * H));
  }

  private static double[] plus(double[] a, double[] d, double t) {
    double[] out = a.clone();
    for (int i = 0; i < a.length; i++) {
      out[i] += t * d[i];
    }
    return out;
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

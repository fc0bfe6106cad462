package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code fVjp(x).pullback(u)} of functions with an array result read in a body (JAX: {@code grad} of
 * a function calling {@code vjp(f, x)[1](u)}): the callers' gradients and JVPs against closed forms
 * and central differences of the callers themselves.
 */
class ArrayResultPullbacksTest {
  private static final double H = 1e-6;

  @Test
  void componentsOfAPullbackOverDoublesHaveTheirClosedForm() {
    double t = 0.7;
    double k = -1.3;
    // uᵀ∂c/∂t = -tk·sin kt + k·cos t + 2kt, uᵀ∂c/∂k = -t²·sin kt + t² with u = (t, k, 1).
    double pt = -t * k * Math.sin(k * t) + k * Math.cos(t) + 2 * k * t;
    double pk = -t * t * Math.sin(k * t) + t * t;
    assertThat(ArrayResultPullbacks.pulled(t, k)).isWithin(1e-12).of(k * pt + pk);
    var g = ArrayResultPullbacksDerivatives.pulledGrad(t, k);
    double up = ArrayResultPullbacks.pulled(t + H, k);
    double down = ArrayResultPullbacks.pulled(t - H, k);
    assertThat(g.t()).isWithin(1e-6).of((up - down) / (2 * H));
    assertThat(g.k()).isWithin(1e-6)
        .of((ArrayResultPullbacks.pulled(t, k + H) - ArrayResultPullbacks.pulled(t, k - H)) / (2 * H));
    double vt = 0.4;
    double vk = -0.9;
    assertThat(ArrayResultPullbacksDerivatives.pulledJvp(t, k, vt, vk).tangent()).isWithin(1e-9)
        .of(vt * g.t() + vk * g.k());
  }

  @Test
  void aPullbackOfOneParameterHeldInALocalHasItsClosedForm() {
    double t = 0.9;
    double[] u = {0.5, -1.2};
    // t·(-u₀ sin t + u₁ cos t).
    var g = ArrayResultPullbacksDerivatives.circlePulledGrad(t, u);
    assertThat(g.t()).isWithin(1e-12).of((-u[0] * Math.cos(t) - u[1] * Math.sin(t)) * t
        - u[0] * Math.sin(t) + u[1] * Math.cos(t));
    assertThat(g.u()).usingTolerance(1e-12).containsExactly(-t * Math.sin(t), t * Math.cos(t)).inOrder();
  }

  @Test
  void aPullbackOverAnArrayReadIntoALocalAndInPlaceMatchesDifferences() {
    double[] x = {0.8, -1.4};
    double[] u = {0.3, 1.1, -0.7};
    // g = uᵀJ = (u₀x₁ + u₂ cos x₀, u₀x₀ + 2u₁x₁); the value g₀g₁ + g₁x₀.
    double g0 = u[0] * x[1] + u[2] * Math.cos(x[0]);
    double g1 = u[0] * x[0] + 2 * u[1] * x[1];
    assertThat(ArrayResultPullbacks.spreadPulled(x, u)).isWithin(1e-12).of(g0 * g1 + g1 * x[0]);
    var g = ArrayResultPullbacksDerivatives.spreadPulledGrad(x, u);
    assertMatchesDifferences(g.x(), x, y -> ArrayResultPullbacks.spreadPulled(y, u));
    assertMatchesDifferences(g.u(), u, v -> ArrayResultPullbacks.spreadPulled(x, v));
    double[] vx = {0.2, 0.5};
    double[] vu = {-0.4, 0.6, 0.1};
    double expected = 0;
    for (int i = 0; i < 2; i++) {
      expected += vx[i] * g.x()[i];
    }
    for (int i = 0; i < 3; i++) {
      expected += vu[i] * g.u()[i];
    }
    assertThat(ArrayResultPullbacksDerivatives.spreadPulledJvp(x, u, vx, vu).tangent()).isWithin(1e-9)
        .of(expected);
  }

  @Test
  void theComponentsOfAPullbackOverANumberAndAnArrayMatchDifferences() {
    double a = 0.6;
    double[] x = {0.8, -1.4, 0.5};
    double[] u = {0.3, 1.1, -0.7};
    var g = ArrayResultPullbacksDerivatives.featuresPulledGrad(a, x, u);
    assertMatchesDifferences(g.x(), x, y -> ArrayResultPullbacks.featuresPulled(a, y, u));
    assertMatchesDifferences(g.u(), u, v -> ArrayResultPullbacks.featuresPulled(a, x, v));
    assertThat(g.a()).isWithin(1e-6).of((ArrayResultPullbacks.featuresPulled(a + H, x, u)
        - ArrayResultPullbacks.featuresPulled(a - H, x, u)) / (2 * H));
    // The value itself: Σᵢ uᵢ·(xᵢ cos(a·xᵢ) + xᵢ²) + Σᵢ uᵢ·(a cos(a·xᵢ) + 2a·xᵢ)·xᵢ.
    double expected = 0;
    for (int i = 0; i < x.length; i++) {
      expected += u[i] * (x[i] * Math.cos(a * x[i]) + x[i] * x[i])
          + u[i] * (a * Math.cos(a * x[i]) + 2 * a * x[i]) * x[i];
    }
    assertThat(ArrayResultPullbacks.featuresPulled(a, x, u)).isWithin(1e-12).of(expected);
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

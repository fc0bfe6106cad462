package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code fDerivative} of functions with array results (component k is D²f_k[v1, v2], JAX's
 * {@code jvp(jvp(f))}) against closed forms and against central differences of the first-order
 * {@code fJvp} along the second direction.
 */
class ArrayResultOrderTest {
  private static final double H = 1e-5;
  private static final double[] X = {0.7, -1.3, 0.4, 1.9};
  private static final double[] U = {0.3, 1.1, -0.8, 0.5};
  private static final double[] W = {-0.6, 0.2, 1.4, -0.9};

  /** D²f[u, w] as central differences along w of {@code jvp(x, u)}, the first-order tangent. */
  private static double[] differenced(BiFunction<double[], double[], double[]> jvp, double[] x, double[] u,
      double[] w) {
    double[] up = x.clone();
    double[] down = x.clone();
    for (int i = 0; i < x.length; i++) {
      up[i] += H * w[i];
      down[i] -= H * w[i];
    }
    double[] a = jvp.apply(up, u);
    double[] b = jvp.apply(down, u);
    double[] out = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      out[k] = (a[k] - b[k]) / (2 * H);
    }
    return out;
  }

  @Test
  void scaledSquaresHasItsClosedForm() {
    double a = 0.8;
    double aU = -0.4;
    double aW = 1.7;
    double[] d2 = ArrayResultOrderExamplesDerivatives.scaledSquaresDerivative(X, a, U, aU, W, aW);
    // yᵢ = a xᵢ²: D²yᵢ[(u, aU), (w, aW)] = 2a uᵢwᵢ + 2xᵢ(aU wᵢ + aW uᵢ).
    double[] expected = new double[X.length];
    for (int i = 0; i < X.length; i++) {
      expected[i] = 2 * a * U[i] * W[i] + 2 * X[i] * (aU * W[i] + aW * U[i]);
    }
    assertThat(d2).usingTolerance(1e-12).containsExactly(expected).inOrder();
  }

  @Test
  void coupledLoopMatchesDifferencesOfItsJvpAndIsSymmetric() {
    double[] d2 = ArrayResultOrderExamplesDerivatives.coupledDerivative(X, U, W);
    double[] fd = differenced((x, u) -> ArrayResultOrderExamplesDerivatives.coupledJvp(x, u).tangent(), X, U, W);
    assertThat(d2).usingTolerance(1e-7).containsExactly(fd).inOrder();
    assertThat(ArrayResultOrderExamplesDerivatives.coupledDerivative(X, W, U)).usingTolerance(1e-12)
        .containsExactly(d2).inOrder();
    // y₀ = sin(x₀x₁): along e₀, e₁ it is cos(x₀x₁) - x₀x₁ sin(x₀x₁).
    double[] e0 = {1, 0, 0, 0};
    double[] e1 = {0, 1, 0, 0};
    double p = X[0] * X[1];
    assertThat(ArrayResultOrderExamplesDerivatives.coupledDerivative(X, e0, e1)[0])
        .isWithin(1e-12).of(Math.cos(p) - p * Math.sin(p));
  }

  @Test
  void curveToOrderThree() {
    double t = 0.9;
    double[] third = {Math.sin(t), -Math.cos(t), 0};
    double u = 1.5;
    double v = -0.5;
    double w = 2.0;
    double[] d3 = ArrayResultOrderExamplesDerivatives.curveDerivative(t, u, v, w);
    for (int k = 0; k < 3; k++) {
      assertThat(d3[k]).isWithin(1e-12).of(third[k] * u * v * w);
    }
    // Against second differences of the first-order Jacobian.
    double h = 1e-4;
    double[] up = ArrayResultOrderExamplesDerivatives.curveJacobian(t + h);
    double[] at = ArrayResultOrderExamplesDerivatives.curveJacobian(t);
    double[] down = ArrayResultOrderExamplesDerivatives.curveJacobian(t - h);
    double[] unit = ArrayResultOrderExamplesDerivatives.curveDerivative(t, 1, 1, 1);
    for (int k = 0; k < 3; k++) {
      assertThat(unit[k]).isWithin(1e-5).of((up[k] - 2 * at[k] + down[k]) / (h * h));
    }
  }

  @Test
  void callsAndACustomRuleMatchTheirSecondDerivatives() {
    double[] d2 = ArrayResultOrderExamplesDerivatives.throughCallsDerivative(X, U, W);
    for (int i = 0; i < X.length; i++) {
      // softplus'' = σ(1 - σ), cube'' = 6x.
      double s = 1 / (1 + Math.exp(-X[i]));
      assertThat(d2[i]).isWithin(1e-12).of((s * (1 - s) + 6 * X[i]) * U[i] * W[i]);
    }
    double[] fd = differenced((x, u) -> ArrayResultOrderExamplesDerivatives.throughCallsJvp(x, u).tangent(), X, U, W);
    assertThat(d2).usingTolerance(1e-7).containsExactly(fd).inOrder();
  }

  @Test
  void badDirectionsAreExceptionsNamingTheArgument() {
    IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
        () -> ArrayResultOrderExamplesDerivatives.coupledDerivative(X, U, new double[] {1, 2}));
    assertThat(shorter).hasMessageThat().isEqualTo("xDot2 has 2 components but x has 4");
  }
}

package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The gradient of a function of an array read by callers of order 2: their Hessians and H·v against
 * closed forms (third derivatives of f written out) and central differences of their generated
 * gradients.
 */
class GradientCallsAtOrderTwoTest {
  private static final double H = 1e-6;
  private static final double[] X = {0.8, -1.4, 0.6};
  private static final double[] V = {0.3, 1.1, -0.8};

  /** ∇quartic: gᵢ = xᵢ³ + xⱼxₖ ({i, j, k} = {0, 1, 2}). */
  private static double[] gradient(double[] x) {
    return new double[] {x[0] * x[0] * x[0] + x[1] * x[2], x[1] * x[1] * x[1] + x[0] * x[2],
        x[2] * x[2] * x[2] + x[0] * x[1]};
  }

  /** Its Hessian: 3xᵢ² on the diagonal, xₖ at [i][j]. */
  private static double[][] hessian(double[] x) {
    return new double[][] {{3 * x[0] * x[0], x[2], x[1]}, {x[2], 3 * x[1] * x[1], x[0]},
        {x[1], x[0], 3 * x[2] * x[2]}};
  }

  /** Its third derivatives: 6xᵢ at [i][i][i], 1 where i, j, k differ, else 0. */
  private static double third(double[] x, int i, int j, int k) {
    return i == j && j == k ? 6 * x[i] : i != j && j != k && i != k ? 1 : 0;
  }

  @Test
  void gradientNormHasItsClosedFormHessian() {
    // N = Σᵢ gᵢ², ∂²N/∂xₖ∂xₗ = 2 Σᵢ (Hᵢₖ·Hᵢₗ + gᵢ·Tᵢₖₗ).
    double[] g = gradient(X);
    double[][] h = hessian(X);
    double[][] actual = GradientCallsAtOrderTwoDerivatives.gradientNormHessian(X);
    double[] hv = GradientCallsAtOrderTwoDerivatives.gradientNormHvp(X, V);
    for (int k = 0; k < 3; k++) {
      double row = 0;
      for (int l = 0; l < 3; l++) {
        double expected = 0;
        for (int i = 0; i < 3; i++) {
          expected += 2 * (h[i][k] * h[i][l] + g[i] * third(X, i, k, l));
        }
        assertThat(actual[k][l]).isWithin(1e-12).of(expected);
        row += expected * V[l];
      }
      assertThat(hv[k]).isWithin(1e-12).of(row);
    }
  }

  @Test
  void gradientNormHvpMatchesDifferencesOfItsGradient() {
    double[] expected = along(w -> GradientCallsAtOrderTwoDerivatives.gradientNormGrad(w), X, V);
    assertThat(GradientCallsAtOrderTwoDerivatives.gradientNormHvp(X, V)).usingTolerance(1e-6)
        .containsExactly(expected).inOrder();
  }

  @Test
  void afterStepHvpMatchesDifferencesOfItsGradient() {
    double lr = 0.1;
    double vLr = 0.7;
    var hv = GradientCallsAtOrderTwoDerivatives.afterStepHvp(X, lr, V, vLr);
    var up = GradientCallsAtOrderTwoDerivatives.afterStepGrad(plus(X, V, H), lr + H * vLr);
    var down = GradientCallsAtOrderTwoDerivatives.afterStepGrad(plus(X, V, -H), lr - H * vLr);
    for (int i = 0; i < X.length; i++) {
      assertThat(hv.w()[i]).isWithin(1e-6).of((up.w()[i] - down.w()[i]) / (2 * H));
    }
    assertThat(hv.lr()).isWithin(1e-6).of((up.lr() - down.lr()) / (2 * H));
    // D²f[u, v] is u·(H·v).
    double[] u = {-0.5, 0.2, 0.9};
    double uLr = -0.4;
    double expected = uLr * hv.lr();
    for (int i = 0; i < X.length; i++) {
      expected += u[i] * hv.w()[i];
    }
    assertThat(GradientCallsAtOrderTwoDerivatives.afterStepDerivative(X, lr, u, uLr, V, vLr))
        .isWithin(1e-12).of(expected);
  }

  @Test
  void leanAlongDifferentiatesTheRuleAsWrittenWithoutSymmetry() {
    // lean's gradient by its rule is (2w₁², 3w₀), so leanAlong = 2w₁²d₀ + 3w₀d₁; its H·v over
    // (w, d) is (3·vD₁, 4d₀·vW₁ + 4w₁·vD₀) for w and (4w₁·vW₁, 3·vW₀) for d. Reading the rule's
    // H = [[0, 4w₁], [3, 0]] transposed would give other numbers.
    double[] w = {0.7, -1.2};
    double[] d = {0.4, 1.5};
    double[] vW = {0.3, -0.9};
    double[] vD = {1.1, 0.2};
    var hv = GradientCallsAtOrderTwoDerivatives.leanAlongHvp(w, d, vW, vD);
    assertThat(hv.w()).usingTolerance(1e-12).containsExactly(3 * vD[1], 4 * d[0] * vW[1] + 4 * w[1] * vD[0])
        .inOrder();
    assertThat(hv.d()).usingTolerance(1e-12).containsExactly(4 * w[1] * vW[1], 3 * vW[0]).inOrder();
    var up = GradientCallsAtOrderTwoDerivatives.leanAlongGrad(plus(w, vW, H), plus(d, vD, H));
    var down = GradientCallsAtOrderTwoDerivatives.leanAlongGrad(plus(w, vW, -H), plus(d, vD, -H));
    for (int i = 0; i < w.length; i++) {
      assertThat(hv.w()[i]).isWithin(1e-6).of((up.w()[i] - down.w()[i]) / (2 * H));
      assertThat(hv.d()[i]).isWithin(1e-6).of((up.d()[i] - down.d()[i]) / (2 * H));
    }
  }

  /** ∂⁴quintic/∂xᵢ∂xⱼ∂xₖ∂xₗ: 6xᵢ where all four are i, 1 where they are 0, 0, 1, 2 in any order. */
  private static double fourth(double[] x, int i, int j, int k, int l) {
    int[] count = new int[3];
    count[i]++;
    count[j]++;
    count[k]++;
    count[l]++;
    return count[i] == 4 ? 6 * x[i] : count[0] == 2 && count[1] == 1 && count[2] == 1 ? 1 : 0;
  }

  @Test
  void curvatureHasFourthDerivativesOfQuintic() {
    // vᵀH(x)v differentiated twice in x along u and w: Σᵢⱼₖₗ vᵢvⱼ·∂⁴f/∂xᵢ∂xⱼ∂xₖ∂xₗ·uₖwₗ.
    double[] u = {-0.5, 0.2, 0.9};
    double[] w = {0.4, -0.7, 0.3};
    double[] zero = new double[3];
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          for (int l = 0; l < 3; l++) {
            expected += V[i] * V[j] * fourth(X, i, j, k, l) * u[k] * w[l];
          }
        }
      }
    }
    assertThat(GradientCallsAtOrderTwoDerivatives.curvatureDerivative(X, V, u, zero, w, zero))
        .isWithin(1e-12).of(expected);
    double[] vX = {0.2, -0.5, 0.9};
    double[] vV = {-0.3, 0.4, 0.1};
    var hv = GradientCallsAtOrderTwoDerivatives.curvatureHvp(X, V, vX, vV);
    var up = GradientCallsAtOrderTwoDerivatives.curvatureGrad(plus(X, vX, H), plus(V, vV, H));
    var down = GradientCallsAtOrderTwoDerivatives.curvatureGrad(plus(X, vX, -H), plus(V, vV, -H));
    for (int i = 0; i < X.length; i++) {
      assertThat(hv.x()[i]).isWithin(1e-6).of((up.x()[i] - down.x()[i]) / (2 * H));
      assertThat(hv.v()[i]).isWithin(1e-6).of((up.v()[i] - down.v()[i]) / (2 * H));
    }
  }

  /** The derivative of {@code gradient} at x along v, by central differences. */
  private static double[] along(java.util.function.Function<double[], double[]> gradient, double[] x,
      double[] v) {
    double[] up = gradient.apply(plus(x, v, H));
    double[] down = gradient.apply(plus(x, v, -H));
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (up[i] - down[i]) / (2 * H);
    }
    return out;
  }

  private static double[] plus(double[] a, double[] d, double t) {
    double[] out = a.clone();
    for (int i = 0; i < a.length; i++) {
      out[i] += t * d[i];
    }
    return out;
  }
}

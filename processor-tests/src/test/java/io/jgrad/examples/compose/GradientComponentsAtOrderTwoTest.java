package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The gradient components of a function of a {@code double[]} and a double read by callers of
 * order 2: their Hessians and H·v against closed forms (third derivatives of f written out) and
 * central differences of their generated gradients; through a custom rule whose H is not symmetric.
 */
class GradientComponentsAtOrderTwoTest {
  private static final double H = 1e-6;
  private static final double[] W = {0.8, -1.4, 0.6};
  private static final double B = 0.7;

  /** The point as one vector z = (w₀, w₁, w₂, b). */
  private static double[] z() {
    return new double[] {W[0], W[1], W[2], B};
  }

  /** ∇cubic at z. */
  private static double[] gradient(double[] z) {
    double b = z[3];
    return new double[] {b * z[0] * z[0] + b * z[1], b * z[1] * z[1] + b * z[0], b * z[2] * z[2],
        (z[0] * z[0] * z[0] + z[1] * z[1] * z[1] + z[2] * z[2] * z[2]) / 3 + z[0] * z[1] + b * b / 2};
  }

  /** The Hessian of cubic at z. */
  private static double[][] hessian(double[] z) {
    double b = z[3];
    return new double[][] {
        {2 * b * z[0], b, 0, z[0] * z[0] + z[1]},
        {b, 2 * b * z[1], 0, z[1] * z[1] + z[0]},
        {0, 0, 2 * b * z[2], z[2] * z[2]},
        {z[0] * z[0] + z[1], z[1] * z[1] + z[0], z[2] * z[2], b}};
  }

  /** The third derivatives of cubic at z (index 3 is b). */
  private static double third(double[] z, int i, int j, int k) {
    int[] idx = {i, j, k};
    int bs = 0;
    for (int x : idx) {
      bs += x == 3 ? 1 : 0;
    }
    if (bs == 3) {
      return 1;
    }
    if (bs == 1) {
      int[] ws = java.util.Arrays.stream(idx).filter(x -> x != 3).sorted().toArray();
      return ws[0] == ws[1] ? 2 * z[ws[0]] : ws[0] == 0 && ws[1] == 1 ? 1 : 0;
    }
    return bs == 0 && i == j && j == k ? 2 * z[3] : 0;
  }

  @Test
  void gradientNormHasItsClosedFormHessian() {
    // N = Σ_c g_c², ∂²N/∂z_k∂z_l = 2 Σ_c (H_ck·H_cl + g_c·T_ckl).
    double[] z = z();
    double[] g = gradient(z);
    double[][] h = hessian(z);
    for (int k = 0; k < 4; k++) {
      for (int l = 0; l < 4; l++) {
        double[] u = unit(k);
        double[] v = unit(l);
        double actual = GradientComponentsAtOrderTwoDerivatives.gradientNormDerivative(W, B,
            new double[] {u[0], u[1], u[2]}, u[3], new double[] {v[0], v[1], v[2]}, v[3]);
        double expected = 0;
        for (int c = 0; c < 4; c++) {
          expected += 2 * (h[c][k] * h[c][l] + g[c] * third(z, c, k, l));
        }
        assertThat(actual).isWithin(1e-12).of(expected);
      }
    }
  }

  @Test
  void gradientNormHvpMatchesDifferencesOfItsGradient() {
    double[] vW = {0.3, 1.1, -0.8};
    double vB = -0.6;
    var hv = GradientComponentsAtOrderTwoDerivatives.gradientNormHvp(W, B, vW, vB);
    var up = GradientComponentsAtOrderTwoDerivatives.gradientNormGrad(plus(W, vW, H), B + H * vB);
    var down = GradientComponentsAtOrderTwoDerivatives.gradientNormGrad(plus(W, vW, -H), B - H * vB);
    for (int i = 0; i < W.length; i++) {
      assertThat(hv.w()[i]).isWithin(1e-6).of((up.w()[i] - down.w()[i]) / (2 * H));
    }
    assertThat(hv.b()).isWithin(1e-6).of((up.b() - down.b()) / (2 * H));
  }

  @Test
  void afterStepHvpMatchesDifferencesOfItsGradient() {
    for (int l = 0; l < 4; l++) {
      double[] e = unit(l);
      double[] eW = {e[0], e[1], e[2]};
      var hv = GradientComponentsAtOrderTwoDerivatives.afterStepHvp(W, B, eW, e[3]);
      var up = GradientComponentsAtOrderTwoDerivatives.afterStepGrad(plus(W, eW, H), B + H * e[3]);
      var down = GradientComponentsAtOrderTwoDerivatives.afterStepGrad(plus(W, eW, -H), B - H * e[3]);
      for (int k = 0; k < 3; k++) {
        assertThat(hv.w()[k]).isWithin(1e-6).of((up.w()[k] - down.w()[k]) / (2 * H));
      }
      assertThat(hv.b()).isWithin(1e-6).of((up.b() - down.b()) / (2 * H));
    }
    // The gradient itself against differences of the value.
    var g = GradientComponentsAtOrderTwoDerivatives.afterStepGrad(W, B);
    assertThat(g.b()).isWithin(1e-6).of((GradientComponentsAtOrderTwo.afterStep(W, B + H)
        - GradientComponentsAtOrderTwo.afterStep(W, B - H)) / (2 * H));
  }

  @Test
  void leanAlongDifferentiatesTheRuleAsWrittenWithoutSymmetry() {
    // leanAlong = b·x₁²·d₀ + 2x₀·e by the rule. Its H·v over (x, b, d, e), read from the rule's
    // Jacobian [[0, 2b·x₁, x₁²], [0, 0, 0], [2, 0, 0]]; its transpose would give other numbers.
    double[] x = {0.7, -1.2};
    double b = 0.4;
    double[] d = {1.5, -0.3};
    double e = 0.9;
    double[] vX = {0.3, -0.9};
    double vB = 0.6;
    double[] vD = {1.1, 0.2};
    double vE = -0.5;
    var hv = GradientComponentsAtOrderTwoDerivatives.leanAlongHvp(x, b, d, e, vX, vB, vD, vE);
    assertThat(hv.x()).usingTolerance(1e-12).containsExactly(2 * vE,
        2 * x[1] * d[0] * vB + 2 * b * d[0] * vX[1] + 2 * b * x[1] * vD[0]).inOrder();
    assertThat(hv.b()).isWithin(1e-12).of(2 * x[1] * d[0] * vX[1] + x[1] * x[1] * vD[0]);
    assertThat(hv.d()).usingTolerance(1e-12).containsExactly(2 * b * x[1] * vX[1] + x[1] * x[1] * vB, 0.0)
        .inOrder();
    assertThat(hv.e()).isWithin(1e-12).of(2 * vX[0]);
    var up = GradientComponentsAtOrderTwoDerivatives.leanAlongGrad(plus(x, vX, H), b + H * vB, plus(d, vD, H),
        e + H * vE);
    var down = GradientComponentsAtOrderTwoDerivatives.leanAlongGrad(plus(x, vX, -H), b - H * vB,
        plus(d, vD, -H), e - H * vE);
    for (int i = 0; i < x.length; i++) {
      assertThat(hv.x()[i]).isWithin(1e-6).of((up.x()[i] - down.x()[i]) / (2 * H));
      assertThat(hv.d()[i]).isWithin(1e-6).of((up.d()[i] - down.d()[i]) / (2 * H));
    }
    assertThat(hv.b()).isWithin(1e-6).of((up.b() - down.b()) / (2 * H));
  }

  private static double[] unit(int k) {
    double[] e = new double[4];
    e[k] = 1;
    return e;
  }

  private static double[] plus(double[] a, double[] d, double t) {
    double[] out = a.clone();
    for (int i = 0; i < a.length; i++) {
      out[i] += t * d[i];
    }
    return out;
  }
}

package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code fHvp} and {@code fVhp} of functions of a {@code double[]} next to other differentiated
 * parameters that reach a {@code @CustomVjp} rule, reverse over reverse, the rule's {@code bwd}
 * differentiated as written: {@code fHvp} is H·v ({@code jvp(grad(f))}, H the Jacobian of the gradient,
 * row i ∂(∇f)ᵢ/∂p), {@code fVhp} is vᵀ·H ({@code grad(lambda p: vdot(grad(f)(p), v))}). Against
 * closed forms and central differences of {@code fGrad}.
 */
class ArraysBesideNumbersReverseOverReverseTest {
  private static final double H = 1e-5;

  @Test
  void mixedHvpIsJacobianTimesVAndVhpItsTranspose() {
    double[] w = {0.8, -1.4, 0.6};
    double b = 0.7;
    double[] vW = {0.3, 1.1, -0.8};
    double vB = 0.5;
    // By the rule skew (gradient (b, 2a)), ∇f = (w₁ + b², 2w₀, b; 2w₂ + 2b·w₀), so J over (w₀, w₁, w₂, b):
    // [[0, 1, 0, 2b], [2, 0, 0, 0], [0, 0, 0, 1], [2b, 0, 2, 2w₀]], asymmetric.
    // fHvp is J·v = (v₁ + 2b·v_b, 2v₀, v_b; 2b·v₀ + 2v₂ + 2w₀·v_b) (jvp(grad(f))), fVhp is
    // vᵀ·J = (2v₁ + 2b·v_b, v₀, 2v_b; 2b·v₀ + v₂ + 2w₀·v_b).
    ArraysBesideNumbersReverseOverReverseDerivatives.MixedGrad hv =
        ArraysBesideNumbersReverseOverReverseDerivatives.mixedHvp(w, b, vW, vB);
    assertThat(hv.w()).usingTolerance(1e-12)
        .containsExactly(vW[1] + 2 * b * vB, 2 * vW[0], vB).inOrder();
    assertThat(hv.b()).isWithin(1e-12).of(2 * b * vW[0] + 2 * vW[2] + 2 * w[0] * vB);
    ArraysBesideNumbersReverseOverReverseDerivatives.MixedGrad vh =
        ArraysBesideNumbersReverseOverReverseDerivatives.mixedVhp(w, b, vW, vB);
    assertThat(vh.w()).usingTolerance(1e-12)
        .containsExactly(2 * vW[1] + 2 * b * vB, vW[0], 2 * vB).inOrder();
    assertThat(vh.b()).isWithin(1e-12).of(2 * b * vW[0] + vW[2] + 2 * w[0] * vB);
  }

  @Test
  void mixedHvpMatchesDifferencesOfTheGradientAlongV() {
    double[] w = {0.8, -1.4, 0.6};
    double b = 0.7;
    double[] vW = {0.3, 1.1, -0.8};
    double vB = 0.5;
    double[] up = w.clone();
    double[] down = w.clone();
    for (int i = 0; i < w.length; i++) {
      up[i] += H * vW[i];
      down[i] -= H * vW[i];
    }
    // (∇f(p + hv) − ∇f(p − hv)) / 2h is H·v.
    var gUp = ArraysBesideNumbersReverseOverReverseDerivatives.mixedGrad(up, b + H * vB);
    var gDown = ArraysBesideNumbersReverseOverReverseDerivatives.mixedGrad(down, b - H * vB);
    var hv = ArraysBesideNumbersReverseOverReverseDerivatives.mixedHvp(w, b, vW, vB);
    for (int i = 0; i < w.length; i++) {
      assertThat(hv.w()[i]).isWithin(1e-7).of((gUp.w()[i] - gDown.w()[i]) / (2 * H));
    }
    assertThat(hv.b()).isWithin(1e-7).of((gUp.b() - gDown.b()) / (2 * H));
  }

  @Test
  void mixedVhpMatchesDifferencesOfItsGradientAlongV() {
    double[] w = {0.8, -1.4, 0.6};
    double b = 0.7;
    double[] vW = {0.3, 1.1, -0.8};
    double vB = 0.5;
    ArraysBesideNumbersReverseOverReverseDerivatives.MixedGrad hv =
        ArraysBesideNumbersReverseOverReverseDerivatives.mixedVhp(w, b, vW, vB);
    // Component j of vᵀ·H is ∂(∇f·v)/∂pⱼ.
    for (int j = 0; j < w.length; j++) {
      double[] up = w.clone();
      double[] down = w.clone();
      up[j] += H;
      down[j] -= H;
      assertThat(hv.w()[j]).isWithin(1e-7).of((mixedAlong(up, b, vW, vB) - mixedAlong(down, b, vW, vB)) / (2 * H));
    }
    assertThat(hv.b()).isWithin(1e-7).of((mixedAlong(w, b + H, vW, vB) - mixedAlong(w, b - H, vW, vB)) / (2 * H));
  }

  @Test
  void pairsVhpMatchesDifferencesOfItsGradientAlongV() {
    double[] a = {0.7, -1.3, 0.4};
    double[] c = {1.9, 0.2, -0.6};
    double[] vA = {0.3, 1.1, -0.8};
    double[] vC = {-0.4, 0.9, 0.25};
    int k = 3;
    ArraysBesideNumbersReverseOverReverseDerivatives.PairsGrad hv =
        ArraysBesideNumbersReverseOverReverseDerivatives.pairsVhp(a, c, k, vA, vC);
    for (int j = 0; j < a.length; j++) {
      double[] up = a.clone();
      double[] down = a.clone();
      up[j] += H;
      down[j] -= H;
      assertThat(hv.a()[j]).isWithin(1e-7)
          .of((pairsAlong(up, c, k, vA, vC) - pairsAlong(down, c, k, vA, vC)) / (2 * H));
      up = c.clone();
      down = c.clone();
      up[j] += H;
      down[j] -= H;
      assertThat(hv.c()[j]).isWithin(1e-7)
          .of((pairsAlong(a, up, k, vA, vC) - pairsAlong(a, down, k, vA, vC)) / (2 * H));
    }
    // Closed form: ∇ₐf = k(cᵢ + cos(aᵢcᵢ)cᵢ), ∇꜀f = k(2aᵢ + cos(aᵢcᵢ)aᵢ); the skew part alone gives
    // (vᵀ·H)ₐ = 2k·v꜀ and (vᵀ·H)꜀ = k·vₐ, the sine part a symmetric block.
    for (int i = 0; i < a.length; i++) {
      double x = a[i] * c[i];
      double aa = -k * Math.sin(x) * c[i] * c[i];
      double ac = k * (Math.cos(x) - Math.sin(x) * x);
      double cc = -k * Math.sin(x) * a[i] * a[i];
      assertThat(hv.a()[i]).isWithin(1e-12).of(aa * vA[i] + ac * vC[i] + 2 * k * vC[i]);
      assertThat(hv.c()[i]).isWithin(1e-12).of(ac * vA[i] + cc * vC[i] + k * vA[i]);
    }
  }

  @Test
  void pairsHvpIsTheHessianTimesV() {
    double[] a = {0.7, -1.3, 0.4};
    double[] c = {1.9, 0.2, -0.6};
    double[] vA = {0.3, 1.1, -0.8};
    double[] vC = {-0.4, 0.9, 0.25};
    int k = 3;
    ArraysBesideNumbersReverseOverReverseDerivatives.PairsGrad hv =
        ArraysBesideNumbersReverseOverReverseDerivatives.pairsHvp(a, c, k, vA, vC);
    // The skew part alone gives (H·v)ₐ = k·v꜀ (∂(∇ₐf)/∂c = k) and (H·v)꜀ = 2k·vₐ, the sine part as above.
    for (int i = 0; i < a.length; i++) {
      double x = a[i] * c[i];
      double aa = -k * Math.sin(x) * c[i] * c[i];
      double ac = k * (Math.cos(x) - Math.sin(x) * x);
      double cc = -k * Math.sin(x) * a[i] * a[i];
      assertThat(hv.a()[i]).isWithin(1e-12).of(aa * vA[i] + ac * vC[i] + k * vC[i]);
      assertThat(hv.c()[i]).isWithin(1e-12).of(ac * vA[i] + cc * vC[i] + 2 * k * vA[i]);
    }
  }

  @Test
  void aDirectionOfAnotherLengthNamesIt() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ArraysBesideNumbersReverseOverReverseDerivatives.mixedHvp(new double[] {1, 2, 3}, 0.5,
            new double[] {1, 2}, 1));
    assertThat(e).hasMessageThat().contains("vW");
    e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ArraysBesideNumbersReverseOverReverseDerivatives.mixedVhp(new double[] {1, 2, 3}, 0.5,
            new double[] {1, 2}, 1));
    assertThat(e).hasMessageThat().contains("vW");
  }

  private static double mixedAlong(double[] w, double b, double[] vW, double vB) {
    ArraysBesideNumbersReverseOverReverseDerivatives.MixedGrad g =
        ArraysBesideNumbersReverseOverReverseDerivatives.mixedGrad(w, b);
    return dot(g.w(), vW) + g.b() * vB;
  }

  private static double pairsAlong(double[] a, double[] c, int k, double[] vA, double[] vC) {
    ArraysBesideNumbersReverseOverReverseDerivatives.PairsGrad g =
        ArraysBesideNumbersReverseOverReverseDerivatives.pairsGrad(a, c, k);
    return dot(g.a(), vA) + dot(g.c(), vC);
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }
}

package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code fDerivative} of functions of arrays that reach a {@code @CustomVjp} rule, at orders 3 and 4
 * (JAX's {@code jacrev} applied n times through a {@code custom_vjp}, contracted with the directions,
 * {@code bwd} differentiated as written): against closed forms under the rule's own gradient and
 * central differences of the order below ({@code fHvp}, H·v with row i ∂(∇f)ᵢ/∂p, so that
 * D³f[u, v, t] is the derivative along t of u·H·v). The rule is asymmetric, so directions taken in
 * another order give another number.
 */
class ArrayParamsReverseOverReverseAtOrderThreeTest {
  private static final double H = 1e-5;
  private static final double[] W = {0.8, -1.4, 0.6};
  private static final double[] U = {0.3, 1.1, -0.8};
  private static final double[] V = {-0.4, 0.9, 0.25};
  private static final double[] T = {0.7, 0.2, -1.3};

  @Test
  void cubicThirdDerivativeIsTheClosedFormUnderTheRule() {
    // By the rule skew (gradient (b², 2a)): ∇f = (w₁²w₂ + 3w₀², 2w₀w₂, w₀w₁); rows of H:
    // (6w₀, 2w₁w₂, w₁²), (2w₂, 0, 2w₀), (w₁², 2w₀, 0) (the last through the rule again); their
    // derivatives, as written, the tensor T[i][j][k] below.
    double w0 = W[0];
    double w1 = W[1];
    double w2 = W[2];
    double[][][] t = {
        {{6, 0, 0}, {0, 2 * w2, 2 * w1}, {0, 2 * w1, 0}},
        {{0, 0, 2}, {0, 0, 0}, {2, 0, 0}},
        {{0, 2 * w1, 0}, {2, 0, 0}, {0, 0, 0}}};
    assertThat(ArrayParamsReverseOverReverseAtOrderThreeDerivatives.cubicDerivative(W, U, V, T)).isWithin(1e-12)
        .of(contract(t, U, V, T));
    // Direction 1 is the innermost derivative: swapped with direction 2, another number.
    assertThat(ArrayParamsReverseOverReverseAtOrderThreeDerivatives.cubicDerivative(W, V, U, T)).isWithin(1e-12)
        .of(contract(t, V, U, T));
    assertThat(contract(t, V, U, T)).isNotWithin(1e-3).of(contract(t, U, V, T));
  }

  @Test
  void cubicThirdDerivativeIsTheDerivativeOfUHvAlongT() {
    double up = dot(U, ArrayParamsReverseOverReverseAtOrderThreeDerivatives.cubicHvp(plus(W, T, H), V));
    double down = dot(U, ArrayParamsReverseOverReverseAtOrderThreeDerivatives.cubicHvp(plus(W, T, -H), V));
    assertThat(ArrayParamsReverseOverReverseAtOrderThreeDerivatives.cubicDerivative(W, U, V, T)).isWithin(1e-7)
        .of((up - down) / (2 * H));
  }

  @Test
  void mixedThirdDerivativeIsTheDerivativeOfUHvAlongT() {
    double b = 0.7;
    double uB = 0.4;
    double vB = -0.3;
    double tB = 0.8;
    var up = ArrayParamsReverseOverReverseAtOrderThreeDerivatives.mixedHvp(plus(W, T, H), b + H * tB, V, vB);
    var down = ArrayParamsReverseOverReverseAtOrderThreeDerivatives.mixedHvp(plus(W, T, -H), b - H * tB, V, vB);
    double expected = (dot(U, up.w()) + uB * up.b() - dot(U, down.w()) - uB * down.b()) / (2 * H);
    assertThat(ArrayParamsReverseOverReverseAtOrderThreeDerivatives.mixedDerivative(W, b, U, uB, V, vB, T, tB))
        .isWithin(1e-7).of(expected);
  }

  @Test
  void pairsThirdDerivativeIsTheDerivativeOfUHvAlongT() {
    double[] c = {1.9, 0.2, -0.6};
    double[] uC = {0.1, 0.2, 0.3};
    double[] vC = {-0.5, 0.4, 0.3};
    double[] tC = {0.3, -0.2, 0.6};
    var up = ArrayParamsReverseOverReverseAtOrderThreeDerivatives.pairsHvp(plus(W, T, H), plus(c, tC, H), 3, V, vC);
    var down = ArrayParamsReverseOverReverseAtOrderThreeDerivatives.pairsHvp(plus(W, T, -H), plus(c, tC, -H), 3, V,
        vC);
    double expected = (dot(U, up.a()) + dot(uC, up.c()) - dot(U, down.a()) - dot(uC, down.c())) / (2 * H);
    assertThat(ArrayParamsReverseOverReverseAtOrderThreeDerivatives.pairsDerivative(W, c, 3, U, uC, V, vC, T, tC))
        .isWithin(1e-7).of(expected);
  }

  @Test
  void quarticFourthDerivativeIsTheClosedFormUnderTheRule() {
    // ∇f = (w₁²w₀ + w₀w₁, 2w₀²); H = ((2w₁², 2w₀w₁ + 2w₀), (4w₀, 0)); the fourth derivatives, as
    // written, are 4 at (0, 0, 1, 1) and 2 at (0, 1, 0, 1) and (0, 1, 1, 0).
    double[] w = {0.8, -1.4};
    double[] u = {0.3, 1.1};
    double[] v = {-0.4, 0.9};
    double[] s = {0.5, -0.6};
    double[] t = {0.7, 0.2};
    double expected = 4 * u[0] * v[0] * s[1] * t[1] + 2 * u[0] * v[1] * s[0] * t[1] + 2 * u[0] * v[1] * s[1] * t[0];
    assertThat(ArrayParamsReverseOverReverseAtOrderThreeDerivatives.quarticDerivative(w, u, v, s, t))
        .isWithin(1e-12).of(expected);
    double swapped = 4 * v[0] * u[0] * s[1] * t[1] + 2 * v[0] * u[1] * s[0] * t[1] + 2 * v[0] * u[1] * s[1] * t[0];
    assertThat(ArrayParamsReverseOverReverseAtOrderThreeDerivatives.quarticDerivative(w, v, u, s, t))
        .isWithin(1e-12).of(swapped);
    assertThat(swapped).isNotWithin(1e-3).of(expected);
  }

  @Test
  void quarticFourthDerivativeIsTheMixedDifferenceOfUHv() {
    double[] w = {0.8, -1.4};
    double[] u = {0.3, 1.1};
    double[] v = {-0.4, 0.9};
    double[] s = {0.5, -0.6};
    double[] t = {0.7, 0.2};
    double h = 1e-4;
    double sum = 0;
    for (int a = -1; a <= 1; a += 2) {
      for (int b = -1; b <= 1; b += 2) {
        sum += a * b * dot(u,
            ArrayParamsReverseOverReverseAtOrderThreeDerivatives.quarticHvp(plus(plus(w, s, a * h), t, b * h), v));
      }
    }
    assertThat(ArrayParamsReverseOverReverseAtOrderThreeDerivatives.quarticDerivative(w, u, v, s, t))
        .isWithin(1e-6).of(sum / (4 * h * h));
  }

  @Test
  void aDirectionOfAnotherLengthNamesIt() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ArrayParamsReverseOverReverseAtOrderThreeDerivatives.cubicDerivative(W, U, new double[] {1, 2}, T));
    assertThat(e).hasMessageThat().contains("wDot2");
  }

  private static double contract(double[][][] t, double[] u, double[] v, double[] w) {
    double s = 0;
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < v.length; j++) {
        for (int k = 0; k < w.length; k++) {
          s += u[i] * v[j] * w[k] * t[i][j][k];
        }
      }
    }
    return s;
  }

  private static double[] plus(double[] x, double[] d, double h) {
    double[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] += h * d[i];
    }
    return y;
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }
}

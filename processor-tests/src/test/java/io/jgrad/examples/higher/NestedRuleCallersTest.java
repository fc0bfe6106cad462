package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Callers of order 3 and 4 of a rule whose body calls another rule's function, against closed forms of
 * JAX's semantics worked out by hand: the outer rule r' = 3g applies at the first order, g's rule
 * 2cos(x) at the second, and what the second order gives is then differentiated as written (g's value
 * sin(x), its tangent 2cos(x)); and against central differences of the order below, which from the
 * second order on is smooth as written.
 */
class NestedRuleCallersTest {
  private static final double H = 1e-4;
  private static final double[] XS = {-1.1, 0.3, 2.0};

  @Test
  void aSquareOfTheRuleAtOrderThreeAndFour() {
    for (double x : XS) {
      double s = Math.sin(x);
      double c = Math.cos(x);
      // (r²)' = 2·(x g)·3g; then g's rule: 6s² + 24x·s·c; then as written.
      assertThat(NestedRuleCallersDerivatives.square3Hessian(x)).isWithin(1e-12).of(6 * s * s + 24 * x * s * c);
      double third = 36 * s * c + 24 * x * (c * c - s * s);
      double fourth = 60 * (c * c - s * s) - 96 * x * s * c;
      assertThat(NestedRuleCallersDerivatives.square3Derivative(x, 1, 1, 1)).isWithin(1e-11).of(third);
      assertThat(NestedRuleCallersDerivatives.square4Derivative(x, 1, 1, 1, 1)).isWithin(1e-11).of(fourth);
      double fd3 = (NestedRuleCallersDerivatives.square3Hessian(x + H)
          - NestedRuleCallersDerivatives.square3Hessian(x - H)) / (2 * H);
      assertThat(NestedRuleCallersDerivatives.square3Derivative(x, 1, 1, 1)).isWithin(1e-6).of(fd3);
      double fd4 = (NestedRuleCallersDerivatives.square3Derivative(x + H, 1, 1, 1)
          - NestedRuleCallersDerivatives.square3Derivative(x - H, 1, 1, 1)) / (2 * H);
      assertThat(NestedRuleCallersDerivatives.square4Derivative(x, 1, 1, 1, 1)).isWithin(1e-6).of(fd4);
    }
  }

  @Test
  void theRuleAtASquareWhoseSecondDerivativeIsNotZero() {
    for (double x : XS) {
      double u = x * x;
      double s = Math.sin(u);
      double c = Math.cos(u);
      // r(x²)' = 3g(x²)·2x; g's rule: 6 sin(x²) + 24x² cos(x²); then as written.
      assertThat(NestedRuleCallersDerivatives.ofSquare3Hessian(x)).isWithin(1e-12).of(6 * s + 24 * u * c);
      assertThat(NestedRuleCallersDerivatives.ofSquare3Derivative(x, 1, 1, 1))
          .isWithin(1e-11).of(60 * x * c - 48 * x * u * s);
      assertThat(NestedRuleCallersDerivatives.ofSquare4Derivative(x, 1, 1, 1, 1))
          .isWithin(1e-10).of(60 * c - 264 * u * s - 96 * u * u * c);
      double fd3 = (NestedRuleCallersDerivatives.ofSquare3Hessian(x + H)
          - NestedRuleCallersDerivatives.ofSquare3Hessian(x - H)) / (2 * H);
      assertThat(NestedRuleCallersDerivatives.ofSquare3Derivative(x, 1, 1, 1))
          .isWithin(1e-6 * scale(fd3)).of(fd3);
      double fd4 = (NestedRuleCallersDerivatives.ofSquare3Derivative(x + H, 1, 1, 1)
          - NestedRuleCallersDerivatives.ofSquare3Derivative(x - H, 1, 1, 1)) / (2 * H);
      assertThat(NestedRuleCallersDerivatives.ofSquare4Derivative(x, 1, 1, 1, 1))
          .isWithin(1e-6 * scale(fd4)).of(fd4);
    }
  }

  @Test
  void aPlainFunctionReachingTheRuleAndItsCaller() {
    for (double x : XS) {
      double s = Math.sin(x);
      double c = Math.cos(x);
      // p = x·r: p' = x g + 3x g = 4x g; g's rule: p'' = 4s + 8x c; then as written.
      assertThat(NestedRuleCallersDerivatives.timesHessian(x)).isWithin(1e-12).of(4 * s + 8 * x * c);
      assertThat(NestedRuleCallersDerivatives.timesDerivative(x, 1, 1, 1, 1))
          .isWithin(1e-11).of(-20 * s - 8 * x * c);
      // q = p²: q' = 8x³g²; g's rule: q'' = 24x²s² + 32x³s·c; then as written.
      assertThat(NestedRuleCallersDerivatives.timesSquaredHessian(x))
          .isWithin(1e-11).of(24 * x * x * s * s + 32 * x * x * x * s * c);
      double third = 48 * x * s * s + 144 * x * x * s * c + 32 * x * x * x * (c * c - s * s);
      assertThat(NestedRuleCallersDerivatives.timesSquaredDerivative(x, 1, 1, 1)).isWithin(1e-10).of(third);
      double fd3 = (NestedRuleCallersDerivatives.timesSquaredHessian(x + H)
          - NestedRuleCallersDerivatives.timesSquaredHessian(x - H)) / (2 * H);
      assertThat(NestedRuleCallersDerivatives.timesSquaredDerivative(x, 1, 1, 1))
          .isWithin(1e-6 * scale(fd3)).of(fd3);
    }
  }

  /** Central differences' error grows with the value: the tolerance's scale, at least 1. */
  private static double scale(double value) {
    return Math.max(1, Math.abs(value));
  }
}

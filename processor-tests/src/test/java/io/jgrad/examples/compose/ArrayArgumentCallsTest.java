package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Arrays created as call arguments, differentiated: against closed forms and central differences. */
class ArrayArgumentCallsTest {
  private static final double H = 1e-6;

  @Test
  void anArrayLiteralPassedToAFunctionOfArrays() {
    double a = 0.7;
    double b = -1.2;
    assertThat(ArrayArgumentCalls.throughLiteral(a, b)).isWithin(1e-12).of(a * a * b * b * b + Math.sin(b));
    var g = ArrayArgumentCallsDerivatives.throughLiteralGrad(a, b);
    assertThat(g.a()).isWithin(1e-12).of(2 * a * b * b * b);
    assertThat(g.b()).isWithin(1e-12).of(3 * a * a * b * b + Math.cos(b));
    double fd = (ArrayArgumentCalls.throughLiteral(a, b + H) - ArrayArgumentCalls.throughLiteral(a, b - H)) / (2 * H);
    assertThat(g.b()).isWithin(1e-6).of(fd);
  }

  @Test
  void anArrayLiteralPassedToDerivativeCalls() {
    double a = 0.9;
    double b = 0.4;
    var g = ArrayArgumentCallsDerivatives.gradientOfLiteralGrad(a, b);
    assertThat(g.a()).isWithin(1e-12).of(12 * a * a * b + 4 * b * Math.cos(2 * b));
    assertThat(g.b()).isWithin(1e-12).of(4 * a * a * a + 4 * a * Math.cos(2 * b) - 8 * a * b * Math.sin(2 * b));
    double fd = (ArrayArgumentCalls.gradientOfLiteral(a + H, b) - ArrayArgumentCalls.gradientOfLiteral(a - H, b))
        / (2 * H);
    assertThat(g.a()).isWithin(1e-6).of(fd);
    var s = ArrayArgumentCallsDerivatives.slopeOfLiteralGrad(a, b);
    assertThat(s.a()).isWithin(1e-12).of(2 * b);
    assertThat(s.b()).isWithin(1e-12).of(2 * a);
    assertThat(ArrayArgumentCallsDerivatives.slopeOfLiteralJvp(a, b, 0.5, -1).tangent()).isWithin(1e-12)
        .of(0.5 * 2 * b - 2 * a);
  }
}

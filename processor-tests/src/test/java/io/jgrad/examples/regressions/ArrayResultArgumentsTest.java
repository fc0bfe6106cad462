package io.jgrad.examples.regressions;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Regression: an expression argument of a call with an array result (see {@link ArrayResultArguments}). */
class ArrayResultArgumentsTest {
  private static final double X = -0.14;
  private static final double Y = -0.38;
  private static final double E = Math.exp(0.3 * X);

  @Test
  void forwardAndReverseModeSeeTheArgumentsTangent() {
    double dx = 0.15 * E + 0.09 * Y * E;
    double dy = 0.3 * E;
    assertThat(ArrayResultArgumentsDerivatives.callerJvp(X, Y, 1, 0).tangent()).isWithin(1e-12).of(dx);
    assertThat(ArrayResultArgumentsDerivatives.callerJvp(X, Y, 0, 1).tangent()).isWithin(1e-12).of(dy);
    assertThat(ArrayResultArgumentsDerivatives.callerGrad(X, Y).x()).isWithin(1e-12).of(dx);
    assertThat(ArrayResultArgumentsDerivatives.callerGrad(X, Y).y()).isWithin(1e-12).of(dy);
  }

  @Test
  void secondDerivativesSeeIt() {
    double[][] h = ArrayResultArgumentsDerivatives.callerTwiceHessian(X, Y);
    assertThat(h[0][0]).isWithin(1e-12).of(0.045 * E + 0.027 * Y * E);
    assertThat(h[0][1]).isWithin(1e-12).of(0.09 * E);
    assertThat(h[1][0]).isWithin(1e-12).of(0.09 * E);
    assertThat(h[1][1]).isWithin(1e-12).of(0.0);
  }
}

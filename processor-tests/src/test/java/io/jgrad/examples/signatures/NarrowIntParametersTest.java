package io.jgrad.examples.signatures;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** char, byte and short parameters compile in every generated method and give closed-form derivatives. */
class NarrowIntParametersTest {
  private static final double[] XS = {-1.3, 0.4, 2.1};

  @Test
  void derivativeOfEachMethod() {
    for (double x : XS) {
      char c = 'A';
      byte b = -7;
      short s = 300;
      double expected = 2 * c * x + b * s;
      assertThat(NarrowIntParametersDerivatives.mixedGrad(x, c, b, s)).isWithin(1e-9).of(expected);
      assertThat(NarrowIntParametersDerivatives.mixedJvp(x, c, b, s, 1.0).tangent())
          .isWithin(1e-9).of(expected);
      assertThat(NarrowIntParametersDerivatives.mixed(c, b, s).grad(x)).isWithin(1e-9).of(expected);
    }
  }

  @Test
  void callerPassesNarrowConstants() {
    for (double x : XS) {
      // 'a' = 97, (byte) -200 = 56; 'b' = 98.
      double expected = 2 * 97 * x + 56 * 3 + 2 * 98 * x + 1 * -2;
      assertThat(NarrowIntParametersDerivatives.callerGrad(x)).isWithin(1e-9).of(expected);
      assertThat(NarrowIntParametersDerivatives.callerJvp(x, 1.0).tangent()).isWithin(1e-9).of(expected);
      assertThat(NarrowIntParameters.caller(x))
          .isWithin(1e-9).of(97 * x * x + 56 * 3 * x + 98 * x * x - 2 * x);
    }
  }

  @Test
  void secondOrder() {
    for (double x : XS) {
      char c = 'z';
      assertThat(NarrowIntParametersDerivatives.cubicHessian(x, c)).isWithin(1e-9).of(6 * c * x);
    }
  }

  @Test
  void recordWithCharComponent() {
    for (double x : XS) {
      NarrowIntParameters.Tagged t = new NarrowIntParameters.Tagged(x, 'q');
      assertThat(NarrowIntParametersDerivatives.taggedGrad(t).v()).isWithin(1e-9).of(2 * 'q' * x);
    }
  }
}

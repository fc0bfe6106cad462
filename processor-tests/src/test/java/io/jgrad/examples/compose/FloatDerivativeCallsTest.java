package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Derivatives of functions that call fGrad, fJvp and fVjp of {@code float} functions, against closed
 * forms (to float precision: the callees compute in floats, so finite differences are noise).
 */
class FloatDerivativeCallsTest {
  private static final double[] XS = {-1.3, 0.4, 0.9, 2.2};

  private static double tolerance(double expected) {
    return 1e-5 * Math.max(1, Math.abs(expected));
  }

  @Test
  void aFloatGradientWidened() {
    for (double x : XS) {
      double expected = 9 * x * x;
      assertThat(FloatDerivativeCallsDerivatives.cubeSlopeGrad(x)).isWithin(tolerance(expected)).of(expected);
      assertThat(FloatDerivativeCallsDerivatives.cubeSlopeJvp(x, 0.5).tangent())
          .isWithin(tolerance(expected)).of(0.5 * expected);
    }
  }

  @Test
  void floatGradientComponentsTangentsAndPullbacks() {
    for (double x : XS) {
      double y = 0.7 - x;
      // (y + cos x)² + 2xy + xy.
      double value = (y + Math.cos(x)) * (y + Math.cos(x)) + 3 * x * y;
      assertThat(FloatDerivativeCalls.mixedReads(x, y)).isWithin(tolerance(value)).of(value);
      double dx = -2 * (y + Math.cos(x)) * Math.sin(x) + 3 * y;
      double dy = 2 * (y + Math.cos(x)) + 3 * x;
      FloatDerivativeCallsDerivatives.MixedReadsGrad g = FloatDerivativeCallsDerivatives.mixedReadsGrad(x, y);
      assertThat(g.x()).isWithin(tolerance(dx)).of(dx);
      assertThat(g.y()).isWithin(tolerance(dy)).of(dy);
      double along = 0.4 * dx - 1.5 * dy;
      assertThat(FloatDerivativeCallsDerivatives.mixedReadsJvp(x, y, 0.4, -1.5).tangent())
          .isWithin(tolerance(along)).of(along);
    }
  }

  @Test
  void aFloatCallerOfOrderTwo() {
    for (double x : XS) {
      float a = (float) x;
      // floatCaller(a) = 4a⁴.
      double grad = 16 * x * x * x;
      assertThat((double) FloatDerivativeCallsDerivatives.floatCallerGrad(a)).isWithin(tolerance(grad)).of(grad);
      double second = 48 * x * x;
      assertThat(FloatDerivativeCallsDerivatives.floatCallerHessian(a)).isWithin(tolerance(second)).of(second);
    }
  }
}

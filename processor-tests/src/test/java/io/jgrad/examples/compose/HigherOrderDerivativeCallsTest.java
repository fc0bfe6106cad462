package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Hessians, Hessian-vector products and n-th directional derivatives of callers of order 2 and 3
 * that take derivative calls, against closed forms and second central differences of the callers
 * written by hand with the called gradients in closed form.
 */
class HigherOrderDerivativeCallsTest {
  private static final double H = 1e-4;
  private static final double[] XS = {-1.3, 0.4, 0.9, 2.2};
  private static final double[][] POINTS = {{0.3, -0.8}, {1.1, 0.5}, {-0.6, 0.2}};

  private static double waveSecond(double x) {
    return 2 * Math.cos(x) - x * Math.sin(x);
  }

  private static double waveThird(double x) {
    return -3 * Math.sin(x) - x * Math.cos(x);
  }

  private static double waveFourth(double x) {
    return -4 * Math.cos(x) + x * Math.sin(x);
  }

  private static double loss(double w, double b) {
    return Math.exp(w * b) + w * w * b;
  }

  /** afterStep by hand: loss's gradient in closed form. */
  private static double afterStep(double w, double b) {
    double e = Math.exp(w * b);
    return loss(w - 0.1 * (b * e + 2 * w * b), b - 0.1 * (w * e + w * w));
  }

  /** mixedReads by hand: w·∂loss/∂b + loss·b + wave'(wb). */
  private static double mixedReads(double w, double b) {
    double e = Math.exp(w * b);
    double wb = w * b;
    return w * (w * e + w * w) + loss(w, b) * b + Math.sin(wb) + wb * Math.cos(wb);
  }

  /** The Hessian of f at (w, b) by second central differences. */
  private static double[][] hessian(DoubleBinaryOperator f, double w, double b) {
    double f0 = f.applyAsDouble(w, b);
    double ww = (f.applyAsDouble(w + H, b) - 2 * f0 + f.applyAsDouble(w - H, b)) / (H * H);
    double bb = (f.applyAsDouble(w, b + H) - 2 * f0 + f.applyAsDouble(w, b - H)) / (H * H);
    double wb = (f.applyAsDouble(w + H, b + H) - f.applyAsDouble(w + H, b - H) - f.applyAsDouble(w - H, b + H)
        + f.applyAsDouble(w - H, b - H)) / (4 * H * H);
    return new double[][] {{ww, wb}, {wb, bb}};
  }

  private static void assertHessian(double[][] actual, double[][] expected) {
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertThat(actual[i][j]).isWithin(1e-5 * (1 + Math.abs(expected[i][j]))).of(expected[i][j]);
      }
    }
  }

  @Test
  void derivativesOfAJvpInACallerOfOrder3AreWavesHigherDerivatives() {
    for (double x : XS) {
      assertThat(HigherOrderDerivativeCallsDerivatives.slopeGrad(x)).isWithin(1e-12).of(waveSecond(x));
      assertThat(HigherOrderDerivativeCallsDerivatives.slopeHessian(x)).isWithin(1e-12).of(waveThird(x));
      assertThat(HigherOrderDerivativeCallsDerivatives.slopeHvp(x, 0.7)).isWithin(1e-12).of(0.7 * waveThird(x));
      assertThat(HigherOrderDerivativeCallsDerivatives.slopeDerivative(x, 1, 1, 1)).isWithin(1e-12)
          .of(waveFourth(x));
      assertThat(HigherOrderDerivativeCallsDerivatives.slopeDerivative(x, 0.5, 2, -1)).isWithin(1e-12)
          .of(-waveFourth(x));
    }
  }

  @Test
  void jvpOfAJvpOfAJvpNestsDerivativeCalls() {
    for (double x : XS) {
      assertThat(HigherOrderDerivativeCalls.curvature(x)).isWithin(1e-12).of(waveSecond(x));
      assertThat(HigherOrderDerivativeCallsDerivatives.curvatureGrad(x)).isWithin(1e-12).of(waveThird(x));
      assertThat(HigherOrderDerivativeCallsDerivatives.curvatureJvp(x, 2).tangent()).isWithin(1e-12)
          .of(2 * waveThird(x));
      assertThat(HigherOrderDerivativeCallsDerivatives.curvatureHessian(x)).isWithin(1e-12).of(waveFourth(x));
    }
  }

  @Test
  void hessianOfTheLossAfterAGradientStep() {
    for (double[] p : POINTS) {
      double[][] expected = hessian(HigherOrderDerivativeCallsTest::afterStep, p[0], p[1]);
      assertThat(HigherOrderDerivativeCalls.afterStep(p[0], p[1])).isWithin(1e-12).of(afterStep(p[0], p[1]));
      assertHessian(HigherOrderDerivativeCallsDerivatives.afterStepHessian(p[0], p[1]), expected);
      HigherOrderDerivativeCallsDerivatives.AfterStepGrad hv =
          HigherOrderDerivativeCallsDerivatives.afterStepHvp(p[0], p[1], 0.4, -1.5);
      double hw = expected[0][0] * 0.4 - expected[0][1] * 1.5;
      double hb = expected[1][0] * 0.4 - expected[1][1] * 1.5;
      assertThat(hv.w()).isWithin(1e-5 * (1 + Math.abs(hw))).of(hw);
      assertThat(hv.b()).isWithin(1e-5 * (1 + Math.abs(hb))).of(hb);
    }
  }

  @Test
  void pullbacksValuesAndGradientsReadInACallerOfOrder2() {
    for (double[] p : POINTS) {
      assertThat(HigherOrderDerivativeCalls.mixedReads(p[0], p[1])).isWithin(1e-12).of(mixedReads(p[0], p[1]));
      assertHessian(HigherOrderDerivativeCallsDerivatives.mixedReadsHessian(p[0], p[1]),
          hessian(HigherOrderDerivativeCallsTest::mixedReads, p[0], p[1]));
    }
  }

  @Test
  void rulesApplyWithJaxSemanticsInCallersOfOrder2() {
    for (double x : XS) {
      // doubled' is the rule's 2 cos x; its own derivatives differentiate 2 cos x as written.
      assertThat(HigherOrderDerivativeCalls.doubledSlope(x)).isWithin(1e-12).of(2 * Math.cos(x));
      assertThat(HigherOrderDerivativeCallsDerivatives.doubledSlopeGrad(x)).isWithin(1e-12).of(-2 * Math.sin(x));
      assertThat(HigherOrderDerivativeCallsDerivatives.doubledSlopeHessian(x)).isWithin(1e-12).of(-2 * Math.cos(x));
      // x·doubled(x): first 2x cos x + sin x; second 2·doubled' + x·doubled'' = 4 cos x - 2x sin x.
      assertThat(HigherOrderDerivativeCallsDerivatives.doubledValueGrad(x)).isWithin(1e-12)
          .of(2 * x * Math.cos(x) + Math.sin(x));
      assertThat(HigherOrderDerivativeCallsDerivatives.doubledValueHessian(x)).isWithin(1e-12)
          .of(4 * Math.cos(x) - 2 * x * Math.sin(x));
    }
  }
}

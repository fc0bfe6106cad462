package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Derivatives of functions that call methods of generated function objects, against closed forms
 * and central finite differences of the callers themselves.
 */
class FunctionObjectDerivativeCallsTest {
  private static final double H = 1e-5;
  private static final double[] XS = {-1.2, 0.4, 2.3};
  private static final double[][] POINTS = {{0.3, -0.8}, {1.1, 0.5}, {-0.6, 1.2}};

  private static double tolerance(double expected) {
    return 1e-6 * Math.max(1, Math.abs(expected));
  }

  private static void agrees(DoubleUnaryOperator f, double grad, double x) {
    double fd = (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
    assertThat(grad).isWithin(tolerance(fd)).of(fd);
  }

  private static void agrees(DoubleBinaryOperator f, double gx, double gy, double x, double y) {
    double fx = (f.applyAsDouble(x + H, y) - f.applyAsDouble(x - H, y)) / (2 * H);
    double fy = (f.applyAsDouble(x, y + H) - f.applyAsDouble(x, y - H)) / (2 * H);
    assertThat(gx).isWithin(tolerance(fx)).of(fx);
    assertThat(gy).isWithin(tolerance(fy)).of(fy);
  }

  @Test
  void aDiffFn1sJvpValueAndDerivativeObject() {
    for (double x : XS) {
      double d1 = Math.sin(x) + x * Math.cos(x);
      double d2 = 2 * Math.cos(x) - x * Math.sin(x);
      double d3 = -3 * Math.sin(x) - x * Math.cos(x);
      assertThat(FunctionObjectDerivativeCalls.slope(x)).isWithin(1e-12).of(d1 + x * Math.sin(x));
      assertThat(FunctionObjectDerivativeCallsDerivatives.slopeGrad(x)).isWithin(1e-10).of(d2 + d1);
      assertThat(FunctionObjectDerivativeCallsDerivatives.slopeJvp(x, 0.5).tangent()).isWithin(1e-10)
          .of(0.5 * (d2 + d1));
      agrees(FunctionObjectDerivativeCalls::slope, FunctionObjectDerivativeCallsDerivatives.slopeGrad(x), x);
      assertThat(FunctionObjectDerivativeCallsDerivatives.derivativeValueGrad(x)).isWithin(1e-10).of(d2);
      assertThat(FunctionObjectDerivativeCalls.curvature(x)).isWithin(1e-10).of(3 * d2);
      assertThat(FunctionObjectDerivativeCallsDerivatives.curvatureGrad(x)).isWithin(1e-10).of(3 * d3);
      agrees(FunctionObjectDerivativeCalls::curvature, FunctionObjectDerivativeCallsDerivatives.curvatureGrad(x), x);
    }
  }

  @Test
  void aDiffFn2sGradientPullbackAndPartials() {
    for (double[] q : POINTS) {
      double w = q[0];
      double b = q[1];
      double e = Math.exp(w * b);
      double lw = b * e + 2 * w * b;
      double lb = w * e + w * w;
      double lwb = e + w * b * e + 2 * w;
      double lbb = w * w * e;
      assertThat(FunctionObjectDerivativeCalls.lossReads(w, b)).isWithin(1e-10)
          .of(lw * b + w * lb + lb + lwb + lwb + w * lbb);
      var g = FunctionObjectDerivativeCallsDerivatives.lossReadsGrad(w, b);
      agrees(FunctionObjectDerivativeCalls::lossReads, g.w(), g.b(), w, b);
      double along = FunctionObjectDerivativeCallsDerivatives.lossReadsJvp(w, b, 0.4, -1.5).tangent();
      assertThat(along).isWithin(1e-9).of(0.4 * g.w() - 1.5 * g.b());
    }
  }

  @Test
  void anObjectBoundToANonDiffArgument() {
    for (double x : XS) {
      assertThat(FunctionObjectDerivativeCalls.bound(x, 3)).isWithin(1e-12).of(3 * Math.cos(x) + 3 * Math.sin(x));
      assertThat(FunctionObjectDerivativeCallsDerivatives.boundGrad(x, 3)).isWithin(1e-10)
          .of(-3 * Math.sin(x) + 3 * Math.cos(x));
    }
  }

  @Test
  void aReverseOnlyRulesObject() {
    for (double x : new double[] {0.4, 1.1, 2.5}) {
      assertThat(FunctionObjectDerivativeCalls.ruleNewton(x)).isWithin(1e-12).of(-Math.cos(x) / Math.sin(x));
      double grad = FunctionObjectDerivativeCallsDerivatives.ruleNewtonGrad(x);
      assertThat(grad).isWithin(1e-10).of(1 / (Math.sin(x) * Math.sin(x)));
      agrees(FunctionObjectDerivativeCalls::ruleNewton, grad, x);
    }
  }
}

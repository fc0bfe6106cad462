package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Derivatives of functions that read fHessian and fHvp, against closed forms and central finite
 * differences of the callers themselves (which run the generated second-order code).
 */
class SecondOrderDerivativeCallsTest {
  private static final double H = 1e-5;
  private static final double[][] POINTS = {{0.3, -0.8}, {1.1, 0.5}, {-0.6, 1.2}};

  private static double tolerance(double expected) {
    return 1e-6 * Math.max(1, Math.abs(expected));
  }

  private static double central(DoubleUnaryOperator f, double x) {
    return (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
  }

  /** The caller's fGrad and fJvp of two parameters against finite differences of the caller. */
  private static void agrees(DoubleBinaryOperator f, double[] grad, double jvpAlong, double x, double y) {
    double fx = (f.applyAsDouble(x + H, y) - f.applyAsDouble(x - H, y)) / (2 * H);
    double fy = (f.applyAsDouble(x, y + H) - f.applyAsDouble(x, y - H)) / (2 * H);
    assertThat(grad[0]).isWithin(tolerance(fx)).of(fx);
    assertThat(grad[1]).isWithin(tolerance(fy)).of(fy);
    double along = 0.4 * fx - 1.5 * fy;
    assertThat(jvpAlong).isWithin(tolerance(along)).of(along);
  }

  @Test
  void theGradientOfAHessiansTrace() {
    for (double[] q : POINTS) {
      double w = q[0];
      double b = q[1];
      double e = Math.exp(w * b);
      // trace = (b² + w²) e^{wb} + 2b.
      assertThat(SecondOrderDerivativeCalls.trace(w, b)).isWithin(1e-12).of((b * b + w * w) * e + 2 * b);
      SecondOrderDerivativeCallsDerivatives.TraceGrad g = SecondOrderDerivativeCallsDerivatives.traceGrad(w, b);
      assertThat(g.w()).isWithin(1e-10).of(2 * w * e + (b * b + w * w) * b * e);
      assertThat(g.b()).isWithin(1e-10).of(2 * b * e + (b * b + w * w) * w * e + 2);
      agrees(SecondOrderDerivativeCalls::trace, new double[] {g.w(), g.b()},
          SecondOrderDerivativeCallsDerivatives.traceJvp(w, b, 0.4, -1.5).tangent(), w, b);
    }
  }

  @Test
  void aNewtonStepDifferentiated() {
    for (double x : new double[] {0.3, 1.1, 2.5}) {
      double d1 = Math.sin(x) + x * Math.cos(x);
      double d2 = 2 * Math.cos(x) - x * Math.sin(x);
      double d3 = -3 * Math.sin(x) - x * Math.cos(x);
      assertThat(SecondOrderDerivativeCalls.newton(x)).isWithin(1e-12).of(x - d1 / d2);
      // d/dx (x - f'/f'') = f' f''' / f''².
      double expected = d1 * d3 / (d2 * d2);
      assertThat(SecondOrderDerivativeCallsDerivatives.newtonGrad(x)).isWithin(1e-10).of(expected);
      double fd = central(SecondOrderDerivativeCalls::newton, x);
      assertThat(SecondOrderDerivativeCallsDerivatives.newtonJvp(x, 1).tangent()).isWithin(tolerance(fd)).of(fd);
    }
  }

  @Test
  void hessianVectorProductsAndAHeldHessian() {
    for (double[] q : POINTS) {
      double w = q[0];
      double b = q[1];
      double e = Math.exp(w * b);
      double hwb = e * (1 + w * b) + 2 * w;
      assertThat(SecondOrderDerivativeCalls.heldHessian(w, b)).isWithin(1e-10).of(hwb * hwb);
      var hv = SecondOrderDerivativeCallsDerivatives.hvpReadsGrad(w, b);
      agrees(SecondOrderDerivativeCalls::hvpReads, new double[] {hv.w(), hv.b()},
          SecondOrderDerivativeCallsDerivatives.hvpReadsJvp(w, b, 0.4, -1.5).tangent(), w, b);
      var held = SecondOrderDerivativeCallsDerivatives.heldHessianGrad(w, b);
      agrees(SecondOrderDerivativeCalls::heldHessian, new double[] {held.w(), held.b()},
          SecondOrderDerivativeCallsDerivatives.heldHessianJvp(w, b, 0.4, -1.5).tangent(), w, b);
    }
  }

  @Test
  void aRecordFunctionsHessianAndHvp() {
    for (double[] q : POINTS) {
      double x = q[0];
      double y = q[1];
      double c = Math.cos(x * y);
      double s = Math.sin(x * y);
      double hxx = 2 * y - y * y * s;
      double hxy = 2 * x + c - x * y * s;
      assertThat(SecondOrderDerivativeCalls.energyCurvature(x, y)).isWithin(1e-12).of(hxy + hxx + hxy * y);
      var g = SecondOrderDerivativeCallsDerivatives.energyCurvatureGrad(x, y);
      agrees(SecondOrderDerivativeCalls::energyCurvature, new double[] {g.x(), g.y()},
          SecondOrderDerivativeCallsDerivatives.energyCurvatureJvp(x, y, 0.4, -1.5).tangent(), x, y);
    }
  }

  @Test
  void anOrderTwoCallerOfAnOrderFourHessian() {
    for (double x : new double[] {-1.3, 0.4, 2.2}) {
      // quartic'' = e^x (x + 2): its gradient e^x (x + 3), its Hessian e^x (x + 4).
      assertThat(SecondOrderDerivativeCallsDerivatives.curvatureGrad(x)).isWithin(1e-10).of(Math.exp(x) * (x + 3));
      assertThat(SecondOrderDerivativeCallsDerivatives.curvatureHessian(x)).isWithin(1e-10).of(Math.exp(x) * (x + 4));
    }
  }

  @Test
  void anHvpReadInABodyIsTheHvpOfAnAsymmetricRule() {
    for (double[] q : POINTS) {
      double x = q[0];
      double y = q[1];
      // The rule's ans has the rule's own tangent, so ∂ₓt_y = 3tₓ: J·(1, 0) = (∂ₓtₓ, ∂ₓt_y) =
      // (−2y sin x, 6y cos x), and the caller is 6y cos x − 2y² sin x.
      double expected = 6 * y * Math.cos(x) - 2 * y * y * Math.sin(x);
      assertThat(SecondOrderDerivativeCalls.skewHvpReads(x, y)).isWithin(1e-12).of(expected);
      SecondOrderDerivativeCallsDerivatives.SkewHvpReadsGrad g =
          SecondOrderDerivativeCallsDerivatives.skewHvpReadsGrad(x, y);
      assertThat(g.x()).isWithin(1e-10).of(-6 * y * Math.sin(x) - 2 * y * y * Math.cos(x));
      assertThat(g.y()).isWithin(1e-10).of(6 * Math.cos(x) - 4 * y * Math.sin(x));
      agrees(SecondOrderDerivativeCalls::skewHvpReads, new double[] {g.x(), g.y()},
          SecondOrderDerivativeCallsDerivatives.skewHvpReadsJvp(x, y, 0.4, -1.5).tangent(), x, y);
    }
  }
}

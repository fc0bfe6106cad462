package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Derivatives of functions that read the Hessian of a function reaching a {@code @CustomVjp} rule,
 * against closed forms (the rules' derivatives as written, as JAX applies them) and central finite
 * differences of the callers themselves.
 */
class ReverseOnlyHessianCallsTest {
  private static final double H = 1e-5;
  private static final double[][] POINTS = {{0.3, -0.8}, {1.1, 0.5}, {-0.6, 1.2}};

  private static double tolerance(double expected) {
    return 1e-6 * Math.max(1, Math.abs(expected));
  }

  private static double central(DoubleUnaryOperator f, double x) {
    return (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
  }

  private static void agrees(DoubleBinaryOperator f, double gx, double gy, double x, double y) {
    double fx = (f.applyAsDouble(x + H, y) - f.applyAsDouble(x - H, y)) / (2 * H);
    double fy = (f.applyAsDouble(x, y + H) - f.applyAsDouble(x, y - H)) / (2 * H);
    assertThat(gx).isWithin(tolerance(fx)).of(fx);
    assertThat(gy).isWithin(tolerance(fy)).of(fy);
  }

  @Test
  void aNewtonStepThroughARulesHessian() {
    for (double x : new double[] {0.4, 1.1, 2.5}) {
      assertThat(ReverseOnlyHessianCalls.newton(x)).isWithin(1e-12).of(x + Math.cos(x) / Math.sin(x));
      double expected = 1 - 1 / (Math.sin(x) * Math.sin(x));
      double grad = ReverseOnlyHessianCallsDerivatives.newtonGrad(x);
      assertThat(grad).isWithin(1e-10).of(expected);
      double fd = central(ReverseOnlyHessianCalls::newton, x);
      assertThat(grad).isWithin(tolerance(fd)).of(fd);
    }
  }

  @Test
  void theRuleIsDifferentiatedAsWritten() {
    for (double x : new double[] {-0.7, 0.4, 2.0}) {
      // bwd is 2·cos·g: the Hessian is -2 sin x and its gradient -2 cos x, not sin's.
      assertThat(ReverseOnlyHessianCalls.doubledCurvature(x)).isWithin(1e-12).of(-2 * Math.sin(x));
      assertThat(ReverseOnlyHessianCallsDerivatives.doubledCurvatureGrad(x)).isWithin(1e-10).of(-2 * Math.cos(x));
    }
  }

  @Test
  void entriesOfATwoParameterRulesHessian() {
    for (double[] q : POINTS) {
      double x = q[0];
      double y = q[1];
      // H = [[2y, 2x], [2x, 0]]: 2y + 2x·x + 2x·2y.
      assertThat(ReverseOnlyHessianCalls.productEntries(x, y)).isWithin(1e-12).of(2 * y + 2 * x * x + 4 * x * y);
      var g = ReverseOnlyHessianCallsDerivatives.productEntriesGrad(x, y);
      assertThat(g.x()).isWithin(1e-10).of(4 * x + 4 * y);
      assertThat(g.y()).isWithin(1e-10).of(2 + 4 * x);
      agrees(ReverseOnlyHessianCalls::productEntries, g.x(), g.y(), x, y);
    }
  }

  @Test
  void entriesOfABodyReachingARule() {
    for (double[] q : POINTS) {
      double x = q[0];
      double y = q[1];
      double s = Math.sin(x * y);
      double c = Math.cos(x * y);
      double fxy = c - x * y * s + 2 * y;
      double fyy = -x * x * s + 2 * x;
      assertThat(ReverseOnlyHessianCalls.wrappedEntries(x, y)).isWithin(1e-12).of(fxy * y + fyy);
      var g = ReverseOnlyHessianCallsDerivatives.wrappedEntriesGrad(x, y);
      // d/dx (fxy·y + fyy) = (-2y s - x y² c)·y - 2x s - x² y c + 2; d/dy = fxy + y(-2x s - x² y c + 2) - x³ c.
      assertThat(g.x()).isWithin(1e-10).of((-2 * y * s - x * y * y * c) * y - 2 * x * s - x * x * y * c + 2);
      assertThat(g.y()).isWithin(1e-10).of(fxy + y * (-2 * x * s - x * x * y * c + 2) - x * x * x * c);
      agrees(ReverseOnlyHessianCalls::wrappedEntries, g.x(), g.y(), x, y);
    }
  }

  @Test
  void aHessianThroughALoopOfRules() {
    for (double x : new double[] {-0.9, 0.4, 1.7}) {
      // g = sin(sin x): g'' = -sin(sin x) cos² x - cos(sin x) sin x.
      double s = Math.sin(x);
      double c = Math.cos(x);
      assertThat(ReverseOnlyHessianCalls.loopCurvature(x)).isWithin(1e-12)
          .of(-Math.sin(s) * c * c - Math.cos(s) * s);
      // g''' = -cos(sin x) cos³ x + 3 sin(sin x) cos x sin x - cos(sin x) cos x.
      double expected = -Math.cos(s) * c * c * c + 3 * Math.sin(s) * c * s - Math.cos(s) * c;
      double grad = ReverseOnlyHessianCallsDerivatives.loopCurvatureGrad(x);
      assertThat(grad).isWithin(1e-10).of(expected);
      double fd = central(ReverseOnlyHessianCalls::loopCurvature, x);
      assertThat(grad).isWithin(tolerance(fd)).of(fd);
    }
  }

  @Test
  void anOrderTwoCallerOfAnOrderFourRule() {
    for (double x : new double[] {-1.3, 0.4, 2.2}) {
      assertThat(ReverseOnlyHessianCallsDerivatives.curvatureGrad(x)).isWithin(1e-10).of(-Math.cos(x));
      assertThat(ReverseOnlyHessianCallsDerivatives.curvatureHessian(x)).isWithin(1e-10).of(Math.sin(x));
    }
  }
}

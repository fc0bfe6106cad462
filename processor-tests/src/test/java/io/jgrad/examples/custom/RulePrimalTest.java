package io.jgrad.examples.custom;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Order 2 through a {@code @CustomJvp} rule, as JAX's {@code grad(grad(g))}: a rule that computes its
 * primal output itself is applied at first order only, so g's Hessian is the derivative of jgrad's own
 * gradient of g; a rule that calls its function is applied at every order.
 */
class RulePrimalTest {
  private static final double H = 1e-5;
  private static final double[] POINTS = {2.0, 0.3, -1.2, 4.1};

  /** The central difference of {@code f} at {@code x}. */
  private static double slope(DoubleUnaryOperator f, double x) {
    return (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
  }

  /** Within 1e-6 of the larger magnitude, at least 1e-6 absolute (central differences with h = 1e-5). */
  private static double tolerance(double expected) {
    return 1e-6 * Math.max(1, Math.abs(expected));
  }

  /** d/dx of 2·cos(s(x))·2·cos(x) with s = sin, s' = {@code innerSlope}: the second derivative of s(s(x)). */
  private static double twiceSecond(double x, double innerSlope) {
    return -2 * Math.sin(Math.sin(x)) * innerSlope * 2 * Math.cos(x) + 2 * Math.cos(Math.sin(x)) * -2 * Math.sin(x);
  }

  @Test
  void ruleThatSkipsItsPrimalIsAppliedAtFirstOrderOnly() {
    for (double x : POINTS) {
      double expected = slope(RulePrimalExamplesDerivatives::skipsTwiceGrad, x);
      double hessian = RulePrimalExamplesDerivatives.skipsTwiceHessian(x);
      assertThat(hessian).isWithin(tolerance(expected)).of(expected);
      // The outer derivative of the rule's Math.sin(x) is cos(x), not the rule's tangent 2·cos(x).
      assertThat(hessian).isWithin(1e-12).of(twiceSecond(x, Math.cos(x)));
      assertThat(RulePrimalExamplesDerivatives.skipsTwiceHvp(x, 0.7)).isWithin(1e-12).of(0.7 * hessian);
      assertThat(RulePrimalExamplesDerivatives.Internal.skipsTwiceTangentJvp(x, 1.0, 1.0, 0.0).tangent())
          .isWithin(1e-12).of(hessian);
    }
  }

  @Test
  void ruleThatSkipsItsPrimalNoLongerAppliesTwice() {
    // What the Hessian was before: the rule's tangent taken again as the derivative of sin(x).
    double x = 2.0;
    double ruleTwice = twiceSecond(x, 2 * Math.cos(x));
    double hessian = RulePrimalExamplesDerivatives.skipsTwiceHessian(x);
    assertThat(Math.abs(hessian - ruleTwice)).isGreaterThan(0.1);
  }

  @Test
  void ruleThatCallsItsFunctionIsAppliedAtEveryOrder() {
    for (double x : POINTS) {
      // calls' derivative is its rule's 2·cos(x) at the outer order too.
      double expected = twiceSecond(x, 2 * Math.cos(x));
      assertThat(RulePrimalExamplesDerivatives.callsTwiceHessian(x)).isWithin(1e-12).of(expected);
      assertThat(RulePrimalExamplesDerivatives.callsTwiceHvp(x, -1.5)).isWithin(1e-12).of(-1.5 * expected);
    }
    // So its Hessian is not the slope of its gradient, where the rule's tangent is not sin's derivative.
    double x = 2.0;
    assertThat(Math.abs(RulePrimalExamplesDerivatives.callsTwiceHessian(x)
        - slope(RulePrimalExamplesDerivatives::callsTwiceGrad, x))).isGreaterThan(0.1);
  }

  @Test
  void hessianMatrixAndHvpMatchFiniteDifferencesOfTheGradient() {
    for (double[] p : new double[][] {{0.4, 0.7}, {-0.9, 1.3}, {2.0, -0.5}}) {
      double x = p[0];
      double y = p[1];
      double[][] hessian = RulePrimalExamplesDerivatives.skipsMixedHessian(x, y);
      double[][] expected = {
        {slope(t -> RulePrimalExamplesDerivatives.skipsMixedGrad(t, y).x(), x),
            slope(t -> RulePrimalExamplesDerivatives.skipsMixedGrad(x, t).x(), y)},
        {slope(t -> RulePrimalExamplesDerivatives.skipsMixedGrad(t, y).y(), x),
            slope(t -> RulePrimalExamplesDerivatives.skipsMixedGrad(x, t).y(), y)}};
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          assertThat(hessian[i][j]).isWithin(tolerance(expected[i][j])).of(expected[i][j]);
        }
      }
      var hvp = RulePrimalExamplesDerivatives.skipsMixedHvp(x, y, 0.3, -1.1);
      assertThat(hvp.x()).isWithin(1e-12).of(hessian[0][0] * 0.3 + hessian[0][1] * -1.1);
      assertThat(hvp.y()).isWithin(1e-12).of(hessian[1][0] * 0.3 + hessian[1][1] * -1.1);
    }
  }

  @Test
  void callerOfACallerMatchesFiniteDifferences() {
    for (double x : POINTS) {
      double expected = slope(RulePrimalExamplesDerivatives::skipsOuterGrad, x);
      assertThat(RulePrimalExamplesDerivatives.skipsOuterHessian(x)).isWithin(tolerance(expected)).of(expected);
    }
  }

  @Test
  void ruleWithBranchesMatchesFiniteDifferences() {
    for (double x : new double[] {0.8, -0.6, -1.9, 0.2}) {
      double expected = slope(RulePrimalExamplesDerivatives::branchyCallerGrad, x);
      assertThat(RulePrimalExamplesDerivatives.branchyCallerHessian(x)).isWithin(tolerance(expected)).of(expected);
    }
  }

  @Test
  void reverseOverReverseMatchesFiniteDifferences() {
    for (double x : POINTS) {
      double expected = slope(RulePrimalExamplesDerivatives::skipsThroughVjpGrad, x);
      assertThat(RulePrimalExamplesDerivatives.skipsThroughVjpHessian(x)).isWithin(tolerance(expected)).of(expected);
    }
  }

  @Test
  void functionObjectsCarryTheRulesValue() {
    var skips = RulePrimalExamplesDerivatives.skips();
    var calls = RulePrimalExamplesDerivatives.calls();
    for (double x : POINTS) {
      double hessian = RulePrimalExamplesDerivatives.twiceThroughHessian(skips, x);
      double expected = slope(t -> RulePrimalExamplesDerivatives.twiceThroughGrad(skips, t), x);
      assertThat(hessian).isWithin(tolerance(expected)).of(expected);
      assertThat(hessian).isWithin(1e-12).of(RulePrimalExamplesDerivatives.skipsTwiceHessian(x));
      assertThat(RulePrimalExamplesDerivatives.twiceThroughHessian(calls, x))
          .isWithin(1e-12).of(RulePrimalExamplesDerivatives.callsTwiceHessian(x));
      double reverse = RulePrimalExamplesDerivatives.throughVjpAndObjectHessian(skips, x);
      assertThat(reverse).isWithin(1e-12).of(RulePrimalExamplesDerivatives.skipsThroughVjpHessian(x));
    }
  }

  @Test
  void twoParameterObjectMatchesFiniteDifferences() {
    var mixed = RulePrimalExamplesDerivatives.skipsMixed();
    for (double x : POINTS) {
      double expected = slope(t -> RulePrimalExamplesDerivatives.alongLineGrad(mixed, t), x);
      assertThat(RulePrimalExamplesDerivatives.alongLineHessian(mixed, x)).isWithin(tolerance(expected)).of(expected);
    }
  }
}

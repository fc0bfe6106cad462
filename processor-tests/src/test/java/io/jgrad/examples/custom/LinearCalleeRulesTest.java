package io.jgrad.examples.custom;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** JVP rules that pass the tangent to a linear function: forward and reverse mode against closed forms. */
class LinearCalleeRulesTest {
  private static final double TOL = 1e-12;
  private static final double H = 1e-6;

  @Test
  void tangentThroughALinearFunction() {
    assertThat(LinearCalleeRulesDerivatives.scaledJvp(2.0, 1.5).value()).isWithin(TOL).of(5.5);
    assertThat(LinearCalleeRulesDerivatives.scaledJvp(2.0, 1.5).tangent()).isWithin(TOL).of(2.75 * 1.5);
    assertThat(LinearCalleeRulesDerivatives.scaledGrad(2.0)).isWithin(TOL).of(2.75);
    assertThat(LinearCalleeRulesDerivatives.scaledVjp(2.0).pullback(3.0)).isWithin(TOL).of(2.75 * 3.0);
  }

  @Test
  void tangentThroughALinearFunctionTimesAPrimalFactor() {
    double x = 0.7;
    assertThat(LinearCalleeRulesDerivatives.scaledSineJvp(x, 2.0).tangent()).isWithin(TOL)
        .of(2.75 * Math.cos(x) * 2.0);
    assertThat(LinearCalleeRulesDerivatives.scaledSineGrad(x)).isWithin(TOL).of(2.75 * Math.cos(x));
    assertThat(LinearCalleeRulesDerivatives.scaledSineVjp(x).pullback(-1.0)).isWithin(TOL)
        .of(-2.75 * Math.cos(x));
  }

  @Test
  void tangentThroughAFunctionLinearInOneOfItsParameters() {
    // mix(v, k) = (k + 2.75) v for k > 0, k v otherwise.
    assertThat(LinearCalleeRulesDerivatives.mixedJvp(1.3, 2.0, 1.0).tangent()).isWithin(TOL).of(4.75);
    assertThat(LinearCalleeRulesDerivatives.mixedJvp(1.3, -2.0, 1.0).tangent()).isWithin(TOL).of(-2.0);
    assertThat(LinearCalleeRulesDerivatives.mixedGrad(1.3, 2.0)).isWithin(TOL).of(4.75);
    assertThat(LinearCalleeRulesDerivatives.mixedGrad(1.3, -2.0)).isWithin(TOL).of(-2.0);
    assertThat(LinearCalleeRulesDerivatives.mixedVjp(1.3, 2.0).pullback(2.0)).isWithin(TOL).of(9.5);
  }

  @Test
  void callerAgreesWithFiniteDifferences() {
    for (double x : new double[] {-1.1, 0.4, 2.3}) {
      double closedForm = 2.75 * 2 * x + 2.75 * Math.cos(x) + 4.75;
      double fd = (LinearCalleeRules.caller(x + H) - LinearCalleeRules.caller(x - H)) / (2 * H);
      assertThat(LinearCalleeRulesDerivatives.callerGrad(x)).isWithin(TOL).of(closedForm);
      assertThat(LinearCalleeRulesDerivatives.callerGrad(x)).isWithin(1e-6).of(fd);
      assertThat(LinearCalleeRulesDerivatives.callerJvp(x, 1.0).tangent()).isWithin(TOL).of(closedForm);
      assertThat(LinearCalleeRulesDerivatives.callerVjp(x).pullback(1.0)).isWithin(TOL).of(closedForm);
    }
  }
}

package io.jgrad.examples.custom;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.runtime.Dual;
import org.junit.jupiter.api.Test;

/** The notebook's custom_jvp numbers, in double precision, against closed forms. */
class SeedCustomJvpTest {
  private static final double TOL = 1e-12;

  @Test
  void defjvpGivesTheSeedNumbers() {
    Dual d = SeedCustomJvpDerivatives.fJvp(2, 3, 1, 0);
    assertThat(d.value()).isWithin(TOL).of(Math.sin(2) * 3);
    assertThat(d.tangent()).isWithin(TOL).of(Math.cos(2) * 3);
    assertThat(d.value()).isWithin(1e-7).of(2.7278922);
    assertThat(d.tangent()).isWithin(1e-7).of(-1.2484405);
    SeedCustomJvpDerivatives.FGrad grad = SeedCustomJvpDerivatives.fGrad(2, 3);
    assertThat(grad.x()).isWithin(TOL).of(Math.cos(2) * 3);
    assertThat(grad.y()).isWithin(TOL).of(Math.sin(2));
  }

  @Test
  void defjvpsGivesTheSameNumbers() {
    Dual d = SeedCustomJvpDerivatives.gJvp(2, 3, 1, 0);
    assertThat(d.tangent()).isWithin(TOL).of(Math.cos(2) * 3);
    assertThat(SeedCustomJvpDerivatives.gJvp(2, 3, 0, 1).tangent()).isWithin(TOL).of(Math.sin(2));
    SeedCustomJvpDerivatives.GGrad grad = SeedCustomJvpDerivatives.gGrad(2, 3);
    assertThat(grad.x()).isWithin(TOL).of(Math.cos(2) * 3);
    assertThat(grad.y()).isWithin(TOL).of(Math.sin(2));
  }

  @Test
  void stableLog1pexpHasGradientOneAtHundredAndBeyond() {
    assertThat(SeedCustomJvpDerivatives.log1pexpGrad(100.0)).isEqualTo(1.0);
    assertThat(SeedCustomJvpDerivatives.log1pexpGrad(1000.0)).isEqualTo(1.0);
    assertThat(SeedCustomJvpDerivatives.log1pexp2Grad(100.0)).isEqualTo(1.0);
    double sigmoid3 = 1 / (1 + Math.exp(-3.0));
    assertThat(SeedCustomJvpDerivatives.log1pexpGrad(3.0)).isWithin(TOL).of(sigmoid3);
    assertThat(SeedCustomJvpDerivatives.log1pexp2Grad(3.0)).isWithin(TOL).of(sigmoid3);
    assertThat(SeedCustomJvpDerivatives.log1pexpJvp(3.0, 1.0).value()).isWithin(TOL).of(Math.log1p(Math.exp(3.0)));
  }

  @Test
  void differentiationConventionAtZero() {
    assertThat(SeedCustomJvpDerivatives.rootRatioGrad(0.0)).isEqualTo(1.0);
    double x = 2.0;
    double closedForm = (Math.sqrt(x) + 2) / (2 * Math.pow(Math.sqrt(x) + 1, 2));
    assertThat(SeedCustomJvpDerivatives.rootRatioGrad(x)).isWithin(TOL).of(closedForm);
  }

  @Test
  void branchesInsideTheRule() {
    assertThat(SeedCustomJvpDerivatives.branchyGrad(1.0)).isEqualTo(2.0);
    assertThat(SeedCustomJvpDerivatives.branchyGrad(-1.0)).isEqualTo(3.0);
  }

  @Test
  void multiArgumentGradients() {
    SeedCustomJvpDerivatives.SquareTimesAllGrad grad = SeedCustomJvpDerivatives.squareTimesAllGrad(2.0, 3.0);
    assertThat(grad.x()).isWithin(TOL).of(2 * 2.0 * 3.0);
    assertThat(grad.y()).isWithin(TOL).of(2.0 * 2.0);
    assertThat(grad.x()).isEqualTo(12.0);
    assertThat(grad.y()).isEqualTo(4.0);
  }

  @Test
  void emptyJvpsEntryMeansZero() {
    SeedCustomJvpDerivatives.SquareTimesGrad grad = SeedCustomJvpDerivatives.squareTimesGrad(2.0, 3.0);
    assertThat(grad.x()).isWithin(TOL).of(12.0);
    assertThat(grad.y()).isEqualTo(0.0);
    assertThat(SeedCustomJvpDerivatives.squareTimesJvp(2.0, 3.0, 0, 1).tangent()).isEqualTo(0.0);
  }

  @Test
  void callersUseTheRulesInForwardAndReverseMode() {
    double x = 0.7;
    double y = -1.3;
    double h = 1e-6;
    SeedCustomJvpDerivatives.CallerGrad grad = SeedCustomJvpDerivatives.callerGrad(x, y);
    double fdX = (SeedCustomJvp.caller(x + h, y) - SeedCustomJvp.caller(x - h, y)) / (2 * h);
    double fdY = (SeedCustomJvp.caller(x, y + h) - SeedCustomJvp.caller(x, y - h)) / (2 * h);
    assertThat(grad.x()).isWithin(1e-6).of(fdX);
    assertThat(grad.y()).isWithin(1e-6).of(fdY);
    assertThat(SeedCustomJvpDerivatives.callerJvp(x, y, 1, 0).tangent()).isWithin(TOL).of(grad.x());
    assertThat(SeedCustomJvpDerivatives.callerJvp(x, y, 0, 1).tangent()).isWithin(TOL).of(grad.y());
  }

  @Test
  void pullbackIsTheTransposeOfTheRule() {
    var vjp = SeedCustomJvpDerivatives.fVjp(2, 3);
    double t1 = 0.3;
    double t2 = -0.8;
    double c = 1.7;
    double jt = SeedCustomJvpDerivatives.fJvp(2, 3, t1, t2).tangent();
    SeedCustomJvpDerivatives.FGrad jtc = vjp.pullback(c);
    assertThat(jt * c).isWithin(TOL).of(t1 * jtc.x() + t2 * jtc.y());
  }
}

package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.records.RecordRuleOnce.Stats;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A {@code @CustomJvp} rule with a record result is linearized and transposed once, and a caller
 * reading several leaves of one call calls the flat function once: checked against finite
 * differences and by counting runs of the primal.
 */
class RecordRuleOnceTest {
  private static final double H = 1e-6;

  /** The central differences of {@code f} at (a, b). */
  private static double[] finiteDifferences(DoubleBinaryOperator f, double a, double b) {
    return new double[] {
      (f.applyAsDouble(a + H, b) - f.applyAsDouble(a - H, b)) / (2 * H),
      (f.applyAsDouble(a, b + H) - f.applyAsDouble(a, b - H)) / (2 * H)};
  }

  /** A gradient's two components against {@link #finiteDifferences}. */
  private static void assertGradient(double first, double second, double[] fd) {
    assertThat(first).isWithin(1e-6).of(fd[0]);
    assertThat(second).isWithin(1e-6).of(fd[1]);
  }

  @Test
  void ruleWithRecordResultPullsBackEveryLeafOnce() {
    double a = 1.3;
    double b = -0.7;
    RecordRuleOnce.runs = 0;
    var vjp = RecordRuleOnceDerivatives.statsVjp(a, b);
    assertThat(RecordRuleOnce.runs).isEqualTo(1);
    assertThat(vjp.value()).isEqualTo(RecordRuleOnce.stats(a, b));
    RecordRuleOnce.runs = 0;
    Stats bar = new Stats(0.8, -1.9, 0);
    var g = vjp.pullback(bar);
    assertThat(RecordRuleOnce.runs).isEqualTo(0);
    double[] fd = finiteDifferences((x, y) -> {
      Stats s = RecordRuleOnce.stats(x, y);
      return bar.mean() * s.mean() + bar.norm() * s.norm();
    }, a, b);
    assertGradient(g.a(), g.b(), fd);
  }

  @Test
  void callerReadingTwoLeavesCallsOnceInReverseMode() {
    double a = 0.4;
    double b = 2.1;
    RecordRuleOnce.runs = 0;
    var vjp = RecordRuleOnceDerivatives.spreadVjp(a, b);
    assertThat(RecordRuleOnce.runs).isEqualTo(1);
    assertThat(vjp.value()).isWithin(1e-12).of(RecordRuleOnce.spread(a, b));
    var g = vjp.pullback(1.0);
    double[] fd = finiteDifferences(RecordRuleOnce::spread, a, b);
    assertGradient(g.a(), g.b(), fd);

    RecordRuleOnce.runs = 0;
    var grad = RecordRuleOnceDerivatives.spreadGrad(a, b);
    assertThat(RecordRuleOnce.runs).isEqualTo(1);
    assertGradient(grad.a(), grad.b(), fd);
    // Forward mode: the rule called once for both leaves.
    RecordRuleOnce.runs = 0;
    var jvp = RecordRuleOnceDerivatives.spreadJvp(a, b, 1.0, -0.5);
    assertThat(RecordRuleOnce.runs).isEqualTo(1);
    assertThat(jvp.tangent()).isWithin(1e-6).of(fd[0] - 0.5 * fd[1]);
  }

  @Test
  void everyLeafPassedOnFromOneCall() {
    double a = -1.1;
    double b = 0.6;
    RecordRuleOnce.runs = 0;
    var grad = RecordRuleOnceDerivatives.chainedGrad(a, b);
    assertThat(RecordRuleOnce.runs).isEqualTo(1);
    double[] fd = finiteDifferences(RecordRuleOnce::chained, a, b);
    assertGradient(grad.a(), grad.b(), fd);
  }

  @Test
  void floatParameterOfARecordResult() {
    // product(k) = k / 2 * k * k: its derivative is 3 k² / 2.
    assertThat((double) RecordRuleOnceDerivatives.productGrad(1.5f)).isWithin(1e-5).of(3 * 1.5 * 1.5 / 2);
  }

  @Test
  void ruleWithAnEnumComponent() {
    var vjp = RecordRuleOnceDerivatives.signedVjp(-1.5);
    assertThat(vjp.value()).isEqualTo(new RecordRuleOnce.Signed(1.5, RecordRuleOnce.Sign.NEGATIVE));
    assertThat(vjp.pullback(new RecordRuleOnce.Signed(2.0, RecordRuleOnce.Sign.NEGATIVE))).isWithin(1e-12).of(-2.0);
    // magnitudeTimes(x) = |x| x: its derivative is 2 |x|.
    assertThat(RecordRuleOnceDerivatives.magnitudeTimesGrad(-1.5)).isWithin(1e-12).of(3.0);
  }

  @Test
  void bodyReturningARecordWithAnEnumComponentFromTwoPlaces() {
    for (double x : new double[] {-1.5, 0.8}) {
      var vjp = RecordRuleOnceDerivatives.signedSquareVjp(x);
      assertThat(vjp.value()).isEqualTo(RecordRuleOnce.signedSquare(x));
      double fd = (RecordRuleOnce.signedSquare(x + H).magnitude() - RecordRuleOnce.signedSquare(x - H).magnitude())
          / (2 * H);
      assertThat(vjp.pullback(new RecordRuleOnce.Signed(1.0, vjp.value().sign()))).isWithin(1e-6).of(fd);
      double fdTimes = (RecordRuleOnce.signedSquareTimes(x + H) - RecordRuleOnce.signedSquareTimes(x - H)) / (2 * H);
      assertThat(RecordRuleOnceDerivatives.signedSquareTimesGrad(x)).isWithin(1e-6).of(fdTimes);
    }
  }

  @Test
  void bodyWithRecordResultCalledOnceForLeavesReadInABranch() {
    double r = 1.7;
    double t = 0.9;
    RecordResultOnce.runs = 0;
    var grad = RecordRuleOnceDerivatives.polarGrad(r, t);
    assertThat(RecordResultOnce.runs).isEqualTo(1);
    double[] fd = finiteDifferences(RecordRuleOnce::polar, r, t);
    assertGradient(grad.r(), grad.t(), fd);
  }
}

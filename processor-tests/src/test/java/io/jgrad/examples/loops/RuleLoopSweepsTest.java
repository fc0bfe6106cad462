package io.jgrad.examples.loops;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Rules whose loops compute only their tangents, in reverse mode: gradients against the closed forms
 * of the rules (n, n·cos x) and central differences of the functions.
 */
class RuleLoopSweepsTest {
  private static final double H = 1e-6;

  @Test
  void gradientsThroughRulesWhoseLoopsComputeOnlyTangents() {
    for (int n : new int[] {0, 1, 3}) {
      double x = 0.7;
      double y = -1.3;
      assertThat(RuleLoopSweepsDerivatives.timesGrad(x, n)).isWithin(1e-12).of(n);
      assertThat(RuleLoopSweepsDerivatives.sinTimesGrad(x, n)).isWithin(1e-12).of(n * Math.cos(x));
      assertThat(RuleLoopSweepsDerivatives.sinTimesVjp(x, n).pullback(2.0)).isWithin(1e-12).of(2 * n * Math.cos(x));
      var grad = RuleLoopSweepsDerivatives.callerGrad(x, y, n);
      double fdX = (RuleLoopSweeps.caller(x + H, y, n) - RuleLoopSweeps.caller(x - H, y, n)) / (2 * H);
      double fdY = (RuleLoopSweeps.caller(x, y + H, n) - RuleLoopSweeps.caller(x, y - H, n)) / (2 * H);
      assertThat(grad.x()).isWithin(1e-8).of(fdX);
      assertThat(grad.y()).isWithin(1e-8).of(fdY);
      assertThat(grad.x()).isWithin(1e-12).of(n * y + n * Math.cos(x) * y);
      assertThat(grad.y()).isWithin(1e-12).of(n * x + n * Math.sin(x));
    }
  }
}

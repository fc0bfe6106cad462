package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** A held Dual compared and copied into a record, differentiated: against closed forms. */
class HeldResultCallsTest {
  @Test
  void aHeldDualComparedAndCopiedIntoARecord() {
    // wave' = sin x + x cos x is positive at 0.5 and 1.5, negative at 2.5.
    for (double x : new double[] {0.5, 1.5, 2.5}) {
      double w = x * Math.sin(x);
      double d1 = Math.sin(x) + x * Math.cos(x);
      double d2 = 2 * Math.cos(x) - x * Math.sin(x);
      assertThat(HeldResultCallsDerivatives.passedGrad(x)).isWithin(1e-10).of(d1 * d1 + w * d2);
      assertThat(HeldResultCalls.compared(x)).isWithin(1e-12).of(d1 > 0 ? 2 * w : d1 * x);
      assertThat(HeldResultCallsDerivatives.comparedGrad(x)).isWithin(1e-10).of(d1 > 0 ? 2 * d1 : d2 * x + d1);
      assertThat(HeldResultCallsDerivatives.comparedJvp(x, 0.5).tangent()).isWithin(1e-10)
          .of(0.5 * (d1 > 0 ? 2 * d1 : d2 * x + d1));
    }
  }
}

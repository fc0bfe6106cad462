package io.jgrad.examples.compose;

import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/**
 * A derivative call's {@code Dual} held in a local: compared through its tangent in a condition, and
 * its numbers copied into a record of the user's passed to a function of records.
 */
final class HeldResultCalls {
  private HeldResultCalls() {}

  record Pair(double value, double slope) {}

  @Differentiable(order = 2)
  static double wave(double x) {
    return Math.sin(x) * x;
  }

  /** value · slope. */
  @Differentiable
  static double weigh(Pair p) {
    return p.value() * p.slope();
  }

  /** wave · wave'. */
  @Differentiable
  static double passed(double x) {
    Dual d = HeldResultCallsDerivatives.waveJvp(x, 1);
    return weigh(new Pair(d.value(), d.tangent()));
  }

  /** 2 wave where wave' > 0, else wave'·x. */
  @Differentiable
  static double compared(double x) {
    Dual d = HeldResultCallsDerivatives.waveJvp(x, 1);
    if (d.tangent() > 0) {
      return d.value() * 2;
    }
    return d.tangent() * x;
  }
}

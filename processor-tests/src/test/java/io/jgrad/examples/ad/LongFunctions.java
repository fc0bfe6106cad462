package io.jgrad.examples.ad;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * Long straight-line functions: their reverse sweeps read more saved values than a Java lambda can
 * capture (127 doubles), so fVjp's pullback reads them from the tape.
 */
final class LongFunctions {
  private LongFunctions() {}

  @CustomVjp(fwd = "sineFwd", bwd = "sineBwd", order = 2)
  static double sine(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> sineFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  static double sineBwd(Double cos, double g) {
    return cos * g;
  }

  /** a ← sin(a·y) + x, 80 times. */
  @Differentiable
  static double longChain(double x, double y) {
    double a = Math.sin(x) * y;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    return a;
  }

  /** The same 40 times after a @CustomVjp call: reverse over reverse. */
  @Differentiable(order = 2)
  static double longChainThroughRule(double x, double y) {
    double a = sine(x) * y;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    a = Math.sin(a * y) + x;
    return a;
  }
}

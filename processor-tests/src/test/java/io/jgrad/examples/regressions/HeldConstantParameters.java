package io.jgrad.examples.regressions;

import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;

/**
 * Parameters held constant (outside wrt, or @NonDiff) that are assigned differentiated values: their
 * tangents were used but never declared, so the generated code did not compile. The second-order
 * case is the fuzzer's seed-1 program shrunk to two statements: at order 2 the first-order tangents
 * are the held-constant parameters, and a reassigned parameter reassigns its tangent.
 */
final class HeldConstantParameters {
  private HeldConstantParameters() {}

  @Differentiable(wrt = "x")
  static double outsideWrt(double x, double y) {
    y = x * 2 + y;
    return y * Math.sin(x);
  }

  @Differentiable
  static double nonDiff(double x, @NonDiff double s) {
    s += x * x;
    return s * x;
  }

  /** From {@code target/fuzz-failures/FuzzSeed1F0.java}. */
  @Differentiable(order = 2)
  static double fuzzSeed1F0(double x, double y) {
    double v0 = ((Math.cbrt(2 + Math.sin(0.22))) * ((y * 1.08) / (1.5 + Math.abs((Math.atan2(x, 1 + x * x))))));
    x -= (Math.sin((Math.cos(v0))));
    return (Math.cos((Math.cbrt(2 + Math.sin(1.1))))) * 0.5 + x;
  }
}

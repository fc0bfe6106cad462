package io.jgrad.examples.regressions;

import io.jgrad.annotations.Differentiable;

/**
 * Regression (differential fuzzer, seed 1): a call of a function with an array result whose
 * argument is an expression, {@code features(0.3, Math.exp(0.3 * x))}, lost that argument's
 * tangent: the linearizer took it for a constant, and the derivatives were 0.
 */
final class ArrayResultArguments {
  private ArrayResultArguments() {}

  @Differentiable
  static double[] features(double x, double y) {
    double[] r = new double[2];
    r[0] = x * y;
    r[1] = Math.sin(x) + 0.5 * y;
    return r;
  }

  /** sin(0.3) + 0.5·e^(0.3x) + 0.3·e^(0.3x)·y. */
  @Differentiable
  static double caller(double x, double y) {
    double[] r = features(0.3, Math.exp(0.3 * x));
    return r[1] + r[0] * y;
  }

  /** The same at order 2, where the callee's body is taken into the caller's. */
  @Differentiable(order = 2)
  static double callerTwice(double x, double y) {
    double[] r = features(0.3, Math.exp(0.3 * x));
    return r[1] + r[0] * y;
  }
}

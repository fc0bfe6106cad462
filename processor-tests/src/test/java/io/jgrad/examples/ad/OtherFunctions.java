package io.jgrad.examples.ad;

import io.jgrad.annotations.Differentiable;

/** A second class whose differentiable function {@link ControlFlowFunctions} calls. */
final class OtherFunctions {
  private OtherFunctions() {}

  @Differentiable
  static double poly(double x, double y) {
    return x * x * y + Math.tanh(y) - 3 * x;
  }
}

package io.jgrad.examples.regressions;

import io.jgrad.annotations.Differentiable;

/** Parameters overwritten in branches and loops: their cotangents must restart at each assignment. */
final class ReassignedParameters {
  private ReassignedParameters() {}

  @Differentiable
  static double f(double x, double y) {
    x = x * y;
    if (x > 1) {
      x = Math.sqrt(x);
    } else {
      y = y + x;
    }
    double acc = 0;
    for (int i = 0; i < 3; i++) {
      double t = Math.sin(acc + x);
      acc += t * y;
      x = x / 2;
    }
    return acc;
  }

  @Differentiable
  static double g(double x) {
    while (x < 10) {
      x = x * 1.5 + 1;
    }
    return x * x;
  }
}

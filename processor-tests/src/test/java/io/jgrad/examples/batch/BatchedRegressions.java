package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;

/** Programs the fuzzer shrank from kernels that went wrong on OpenCL, kept as regressions. */
final class BatchedRegressions {
  private BatchedRegressions() {}

  /** Fuzz seed 56: Aparapi printed {@code -(-v0)} as {@code --v0}, a pre-decrement in OpenCL C. */
  @Batched
  @Differentiable
  static double doubleMinus(double x, double y) {
    double v0 = Math.cos(1.41);
    if (-(-v0) > x) {
      y = y + 0.0;
    } else {
      x *= Math.tanh(y + Math.log1p(v0 * v0));
    }
    return Math.atan2(1.91, 1 + x * x) / (1.5 + Math.abs(x)) * 0.5 + x - (-y);
  }

  /** Fuzz seed 1: a temporary named {@code atan2} hid OpenCL's {@code atan2}, and a loop counter in a branch was lost. */
  @Batched
  @Differentiable
  static double namesAndBranches(double x, double y) {
    double v0 = Math.atan(x) + Math.atan(y);
    if (y > v0) {
      for (int k = 0; k < 2; k++) {
        x -= Math.atan(Math.sin(Math.cos(v0)));
      }
    } else {
      for (int k = 0; k < 2; k++) {
        y += Math.atan2(x, 1 + y * y);
      }
    }
    return x * y + Math.atan(v0);
  }

  /** Fuzz seed 106: Aparapi could not structure an {@code if} whose then-branch ends in a loop ("fakegoto"). */
  @Batched
  @Differentiable
  static double loopEndsBranch(double x, double y) {
    double v0 = Math.atan(x) * Math.abs(-0.74 + x);
    if (Math.log1p(0.1296) > Math.abs(y)) {
      for (int k = 0; k < 3; k++) {
        x = Math.atan(y) + 0.1 * x;
      }
    } else {
      double v4 = 0.25 + y;
      if (Math.exp(0.3 * (-0.75 + v4)) > v4) {
        y -= Math.sqrt(1 + v4 * v4);
      } else {
        v0 -= Math.pow(1.5 + Math.sin(x), x) + y * v0;
      }
    }
    return Math.sin(Math.hypot(y, 1 + v0 * v0)) * 0.5 + x;
  }
}

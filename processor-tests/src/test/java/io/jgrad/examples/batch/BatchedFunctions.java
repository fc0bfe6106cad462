package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;

/** Batched fixtures: a plain primitive, a call to inline, a branch and a loop, shared parameters, float lanes. */
final class BatchedFunctions {
  private BatchedFunctions() {}

  @Batched
  @Differentiable
  static double sin(double x) {
    return Math.sin(x);
  }

  @Batched
  @Differentiable
  static double naiveLog1pexp(double x) {
    return Math.log(1 + Math.exp(x));
  }

  @Differentiable
  static double damp(double v, double rate) {
    double d = v * Math.exp(-rate);
    if (d > 1.0) {
      return Math.sqrt(d);
    }
    return d;
  }

  /** Every primitive whose rule has a kink convention and a NaN case, for kernels at NaN lanes. */
  @Batched
  @Differentiable
  static double kinks(double x, double y) {
    return Math.abs(x) * Math.max(x, y) + Math.min(x, y) + Math.hypot(x, y) + Math.pow(1.5 + x * x, y);
  }

  /** A branch, a loop with a shared trip count, a reassigned parameter, a call inlined twice, a constant. */
  @Batched
  @Differentiable
  static double orbit(double x, double y, int steps, @NonDiff double scale) {
    double acc = 0.0;
    for (int k = 0; k < steps; k++) {
      if (x > y) {
        acc += Math.sin(x * y) * scale;
      } else {
        acc -= Math.cos(x - y) / (1 + y * y);
      }
      x = damp(x, 0.1) + StrictMath.atan2(y, 1.5);
      y = damp(y * (Math.PI / 4), acc * acc);
    }
    return acc + Math.pow(Math.abs(x) + 1, 1.5) * Math.max(x, y);
  }

  @Batched
  @Differentiable
  static float smoothF(float x, float y) {
    float t = x * y;
    return (float) Math.tanh(t) + x / (1 + y * y);
  }
}

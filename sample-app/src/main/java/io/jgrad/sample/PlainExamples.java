package io.jgrad.sample;

import io.jgrad.annotations.Differentiable;

/** The notebook's functions written plainly: derivatives come from their bodies. */
final class PlainExamples {
  private PlainExamples() {}

  /** The notebook's TL;DR function. */
  @Differentiable
  static double f(double x, double y) {
    return Math.sin(x) * y;
  }

  /** The naive log(1 + eˣ): its gradient is exp(x) / (1 + exp(x)), which overflows to ∞/∞ = NaN. */
  @Differentiable
  static double log1pexp(double x) {
    return Math.log(1 + Math.exp(x));
  }

  /** x / (1 + √x): differentiable on [0, ∞) but autodiff sees √'(0) = ∞ and gives NaN at 0. */
  @Differentiable
  static double rootRatio(double x) {
    return x / (1 + Math.sqrt(x));
  }

  /** sin, for the clip-gradient plot. */
  @Differentiable
  static double sin(double t) {
    return Math.sin(t);
  }
}

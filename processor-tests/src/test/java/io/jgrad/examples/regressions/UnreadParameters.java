package io.jgrad.examples.regressions;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * Shrunk by the differential fuzzer (its first run with @CustomVjp rules, seed 2, f24): a parameter
 * with no differentiable use in a function that reaches a @CustomVjp rule — never read, assigned
 * before it is read, or read only in a condition — made the code written by transposing the body
 * (the kernel's {@code fGradBatch}, the order-2 pullback functions) read a cotangent it never declared
 * ({@code yDotBar}), so javac rejected the generated code. Its gradient is zero.
 */
final class UnreadParameters {
  private UnreadParameters() {}

  @CustomVjp(fwd = "sFwd", bwd = "sBwd", order = 2)
  static double s(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> sFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  static double sBwd(Double cos, double g) {
    return cos * g;
  }

  /** y is never read. */
  @Batched
  @Differentiable(order = 2)
  static double unread(double x, double y) {
    return s(x);
  }

  /** y is assigned before it is read: its incoming value has no use. */
  @Batched
  @Differentiable(order = 2)
  static double overwritten(double x, double y) {
    y = s(x);
    return y * 0.5 + x;
  }

  /** y is read only in a condition. */
  @Batched
  @Differentiable(order = 2)
  static double onlyInACondition(double x, double y) {
    double r = x;
    if (y > 0) {
      r = s(x);
    }
    return r;
  }
}

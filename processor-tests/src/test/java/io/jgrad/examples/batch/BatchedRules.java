package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/** Batched functions with custom JVP rules: the rule runs inside the kernel, the primal body in fBatch. */
final class BatchedRules {
  private BatchedRules() {}

  /** The notebook's stable log1pexp: a rule that calls its primal. */
  @Batched
  @CustomJvp(jvp = "log1pexpJvp")
  static double log1pexp(double x) {
    return Math.log(1 + Math.exp(x));
  }

  static Dual log1pexpJvp(double x, double xDot) {
    double ans = log1pexp(x);
    return Dual.of(ans, (1 - 1 / (1 + Math.exp(x))) * xDot);
  }

  /** The notebook's defjvps form. */
  @Batched
  @CustomJvp(jvps = {"fJvpX", "fJvpY"})
  static double f(double x, double y) {
    return Math.sin(x) * y;
  }

  static double fJvpX(double xDot, double primalOut, double x, double y) {
    return Math.cos(x) * xDot * y;
  }

  static double fJvpY(double yDot, double primalOut, double x, double y) {
    return Math.sin(x) * yDot;
  }

  /** Linear in {@code v}: 2.75 v. */
  @Differentiable
  static double linearScale(double v) {
    return 3.0 * v - v / 4.0;
  }

  /** A rule whose tangent goes through a function linear in it, run inside the kernel. */
  @Batched
  @CustomJvp(jvp = "scaledSineJvp")
  static double scaledSine(double x) {
    return linearScale(Math.sin(x));
  }

  static Dual scaledSineJvp(double x, double xDot) {
    return Dual.of(scaledSine(x), Math.cos(x) * linearScale(xDot));
  }

  /** A rule that is not the true derivative, so a kernel that ignored it would be caught. */
  @CustomJvp(jvp = "clippedJvp")
  static double clipped(double x) {
    return x * x;
  }

  static Dual clippedJvp(double x, double xDot) {
    double slope = 2 * x;
    if (slope > 1.0) {
      slope = 1.0;
    }
    return Dual.of(clipped(x), slope * xDot);
  }

  /** A plain caller of rules, in a loop: each call runs its rule in the kernel. */
  @Batched
  @Differentiable
  static double caller(double x, double y) {
    double acc = 0;
    for (int k = 0; k < 3; k++) {
      acc += clipped(x * k) + log1pexp(y - acc) * f(x, y);
    }
    return acc;
  }
}

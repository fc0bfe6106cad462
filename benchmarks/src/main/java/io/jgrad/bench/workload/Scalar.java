package io.jgrad.bench.workload;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/** The scalar workloads: the notebook's {@code f(x, y) = sin(x)·y} and {@code log1pexp} with its custom rule. */
public final class Scalar {
  private Scalar() {}

  /** The notebook's two-argument function. */
  @Differentiable
  public static double f(double x, double y) {
    return Math.sin(x) * y;
  }

  /** {@code log(1 + e^x)}, differentiated through the numerically stable rule below; batched for the kernel benchmarks. */
  @Batched
  @CustomJvp(jvp = "log1pexpJvp")
  public static double log1pexp(double x) {
    return Math.log(1 + Math.exp(x));
  }

  /** The notebook's stable rule: the derivative is the logistic function, written so it never overflows. */
  public static Dual log1pexpJvp(double x, double xDot) {
    double ans = log1pexp(x);
    return Dual.of(ans, (1 - 1 / (1 + Math.exp(x))) * xDot);
  }
}

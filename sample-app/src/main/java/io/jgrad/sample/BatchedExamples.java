package io.jgrad.sample;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/**
 * The notebook's vmap examples as {@code @Batched} functions: kernels that run on CPU threads or
 * OpenCL. A kernel cannot print, so the notebook's {@code f} appears here without its "called f!".
 */
final class BatchedExamples {
  private BatchedExamples() {}

  @Batched
  @Differentiable
  static double sin(double x) {
    return Math.sin(x);
  }

  @Batched
  @CustomJvp(jvp = "log1pexpJvp")
  static double log1pexp(double x) {
    return Math.log(1 + Math.exp(x));
  }

  static Dual log1pexpJvp(double x, double xDot) {
    double ans = log1pexp(x);
    return Dual.of(ans, (1 - 1 / (1 + Math.exp(x))) * xDot);
  }

  /** The notebook's clip_sin, batched: the @CustomVjp rule's fwd and bwd run inside the kernel, on OpenCL too. */
  @Batched
  @Differentiable
  static double clipSin(double t) {
    return CustomExamples.clipGradient(-0.75, 0.75, Math.sin(t));
  }
}

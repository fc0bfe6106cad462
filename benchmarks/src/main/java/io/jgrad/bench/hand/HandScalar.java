package io.jgrad.bench.hand;

/** Hand-written derivatives of the scalar workloads: the reference every implementation is checked against. */
public final class HandScalar {
  private HandScalar() {}

  /** Value and gradient of {@code sin(x)·y}, as one flat record. */
  public record ValueAndGrad2(double value, double dx, double dy) {}

  /** Value and gradient of {@code sin(x)·y}: one sine, one cosine. */
  public static ValueAndGrad2 fValueAndGrad(double x, double y) {
    double s = Math.sin(x);
    return new ValueAndGrad2(s * y, Math.cos(x) * y, s);
  }

  /** {@code d/dx log(1 + e^x)}: the logistic function, written so it neither overflows nor divides 0/0. */
  public static double log1pexpGrad(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}

package io.jgrad.examples.signatures;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/** Unchecked exceptions in a throws clause say something to the reader and nothing to the generated code. */
final class UncheckedThrows {
  private UncheckedThrows() {}

  @Differentiable
  static double scaled(double x, double y) throws IllegalArgumentException, ArithmeticException {
    return Math.sin(x) * y;
  }

  @CustomVjp(fwd = "squareFwd", bwd = "squareBwd")
  static double square(double x) throws IllegalStateException {
    return x * x;
  }

  static Fwd<Double> squareFwd(double x) throws UnsupportedOperationException {
    return Fwd.of(x * x, x);
  }

  static double squareBwd(Double x, double g) throws StackOverflowError {
    return 2 * x * g;
  }

  /** Calls both: sin(x) y + x^2. */
  @Differentiable
  static double both(double x, double y) throws RuntimeException {
    return scaled(x, y) + square(x);
  }
}

package io.jgrad.runtime;

import java.util.function.DoubleUnaryOperator;

/**
 * The result of a generated {@code fVjp} for a function with one differentiable parameter: the
 * primal value and a pullback from the output cotangent to the parameter's cotangent ({@code jax.vjp}).
 * The pullback may be called any number of times.
 */
public final class ScalarVjp {
  private final double value;
  private final DoubleUnaryOperator pullback;

  /** Wraps a value and the linear map that pulls an output cotangent back to the input. */
  public ScalarVjp(double value, DoubleUnaryOperator pullback) {
    this.value = value;
    this.pullback = java.util.Objects.requireNonNull(pullback, "pullback");
  }

  /** The primal output. */
  public double value() {
    return value;
  }

  /** The cotangent of the differentiable parameter for output cotangent {@code outBar}. */
  public double pullback(double outBar) {
    return pullback.applyAsDouble(outBar);
  }
}

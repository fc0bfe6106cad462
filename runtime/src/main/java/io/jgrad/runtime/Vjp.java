package io.jgrad.runtime;

import java.util.function.DoubleFunction;

/**
 * The result of a generated {@code fVjp} for a function with several differentiable parameters or
 * an array parameter: the primal value and a pullback from the output cotangent to the gradient
 * {@code G} ({@code jax.vjp}). The pullback may be called any number of times.
 *
 * @param <G> the gradient: a generated record named after the parameters, or a {@code double[]}
 */
public final class Vjp<G> {
  private final double value;
  private final DoubleFunction<G> pullback;

  /** Wraps a value and the linear map that pulls an output cotangent back to the inputs. */
  public Vjp(double value, DoubleFunction<G> pullback) {
    this.value = value;
    this.pullback = java.util.Objects.requireNonNull(pullback, "pullback");
  }

  /** The primal output. */
  public double value() {
    return value;
  }

  /** The gradient scaled by the output cotangent {@code outBar}. */
  public G pullback(double outBar) {
    return pullback.apply(outBar);
  }
}

package io.jgrad.runtime;

import java.util.Objects;
import java.util.function.Function;

/**
 * The result of a generated {@code fVjp} for a record result: the primal record and a pullback from
 * a cotangent of the same record type to the gradient ({@code jax.vjp} on a pytree output). The
 * pullback may be called any number of times.
 *
 * @param <T> the result record
 * @param <G> the gradient: a record, a generated gradient record or a boxed scalar
 */
public final class RecordVjp<T, G> {
  private final T value;
  private final Function<T, G> pullback;

  /** Wraps a value and the linear map that pulls an output cotangent back to the inputs. */
  public RecordVjp(T value, Function<T, G> pullback) {
    this.value = value;
    this.pullback = Objects.requireNonNull(pullback, "pullback");
  }

  /** The primal output. */
  public T value() {
    return value;
  }

  /** The gradient for the output cotangent {@code outBar}, a record shaped like the value. */
  public G pullback(T outBar) {
    return pullback.apply(Objects.requireNonNull(outBar, "outBar"));
  }
}

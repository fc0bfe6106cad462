package io.jgrad.runtime;

/**
 * A primal value and its tangent of the same type, the result of a generated {@code fJvp} for a
 * record result ({@code jax.jvp} on a pytree): the tangent of a {@code Point} is a {@code Point}.
 *
 * @param <T> the result type: a record whose components are doubles, floats or such records
 */
public record Jvp<T>(T value, T tangent) {
  /** The pair (value, tangent). */
  public static <T> Jvp<T> of(T value, T tangent) {
    return new Jvp<>(value, tangent);
  }
}

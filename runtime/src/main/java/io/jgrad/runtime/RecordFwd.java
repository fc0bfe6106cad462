package io.jgrad.runtime;

/**
 * What the forward pass of a {@code @CustomVjp} function with a record result returns: the primal
 * record and the residuals its backward pass needs ({@link Fwd} for a {@code double} result).
 *
 * @param <T> the result record
 * @param <R> the residuals: a double, an array, a record, anything the backward pass reads
 */
public record RecordFwd<T, R>(T value, R residuals) {
  /** The pair (value, residuals). */
  public static <T, R> RecordFwd<T, R> of(T value, R residuals) {
    return new RecordFwd<>(value, residuals);
  }
}

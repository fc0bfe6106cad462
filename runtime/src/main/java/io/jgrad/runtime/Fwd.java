package io.jgrad.runtime;

/**
 * What a {@code @CustomVjp} forward pass returns: the primal value and the residuals its backward
 * pass needs (the pair {@code f_fwd} returns in JAX).
 *
 * @param <R> the residuals: a double, an array, a record, anything the backward pass reads
 */
public record Fwd<R>(double value, R residuals) {
  /** The pair (value, residuals). */
  public static <R> Fwd<R> of(double value, R residuals) {
    return new Fwd<>(value, residuals);
  }
}

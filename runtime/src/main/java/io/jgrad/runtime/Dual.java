package io.jgrad.runtime;

/**
 * A primal value and its tangent, the result of a generated {@code fJvp} for a {@code double}
 * result (the pair {@code jax.jvp} returns).
 */
public record Dual(double value, double tangent) {
  /** The pair (value, tangent). */
  public static Dual of(double value, double tangent) {
    return new Dual(value, tangent);
  }
}

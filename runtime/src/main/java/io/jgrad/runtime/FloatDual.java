package io.jgrad.runtime;

/** A primal value and its tangent, the result of a generated {@code fJvp} for a {@code float} result. */
public record FloatDual(float value, float tangent) {
  /** The pair (value, tangent). */
  public static FloatDual of(float value, float tangent) {
    return new FloatDual(value, tangent);
  }
}

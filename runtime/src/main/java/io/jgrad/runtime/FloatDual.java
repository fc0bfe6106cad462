package io.jgrad.runtime;

/** A primal value and its tangent, the result of a generated {@code fJvp} for a {@code float} result. */
public record FloatDual(float value, float tangent) {
  /** The pair (value, tangent). */
  public static FloatDual of(float value, float tangent) {
    return new FloatDual(value, tangent);
  }

  /**
   * The pair widened to doubles: what the function object of a {@code float} function, a
   * {@code DiffFn1} or {@code DiffFn2} over doubles, returns from {@code jvp}.
   */
  public Dual toDual() {
    return Dual.of(value, tangent);
  }
}

package io.jgrad.runtime.internal;

/**
 * Checks generated forward mode makes on entry: the tangent of an array parameter must be an array
 * of the same length, since a shorter one would fail deep inside the sweep and a longer one would be
 * read in part, silently.
 */
public final class Tangents {
  private Tangents() {}

  /**
   * Throws unless {@code tangent} matches {@code primal}'s length; a null primal is left to the
   * function's own code, which fails on it just as the plain function does.
   *
   * @throws IllegalArgumentException naming {@code name} if the tangent is null or of another length
   */
  public static void checkLength(double[] primal, double[] tangent, String name) {
    if (primal != null) {
      check(primal.length, tangent == null ? -1 : tangent.length, name);
    }
  }

  /** As {@link #checkLength(double[], double[], String)}, for {@code float[]}. */
  public static void checkLength(float[] primal, float[] tangent, String name) {
    if (primal != null) {
      check(primal.length, tangent == null ? -1 : tangent.length, name);
    }
  }

  private static void check(int primalLength, int tangentLength, String name) {
    if (tangentLength < 0) {
      throw new IllegalArgumentException("the tangent of " + name + " is null");
    }
    if (tangentLength != primalLength) {
      throw new IllegalArgumentException("the tangent of " + name + " has " + tangentLength
          + " components but " + name + " has " + primalLength);
    }
  }
}

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

  /**
   * The length of the array parameter {@code primal}, for entry points that build unit directions
   * over it.
   *
   * @throws IllegalArgumentException naming {@code name} if it is null
   */
  public static int length(double[] primal, String name) {
    return requirePresent(primal, name).length;
  }

  /** As {@link #length(double[], String)}, for {@code float[]}. */
  public static int length(float[] primal, String name) {
    return requirePresent(primal, name).length;
  }

  /**
   * Throws unless the direction {@code direction} (a parameter of its own, such as {@code fHvp}'s
   * {@code v}) has {@code primal}'s length.
   *
   * @throws IllegalArgumentException naming {@code directionName} if it is null or of another length
   */
  public static void checkDirection(double[] primal, double[] direction, String primalName, String directionName) {
    checkDirection(length(primal, primalName), direction == null ? -1 : direction.length, primalName,
        directionName);
  }

  /** As {@link #checkDirection(double[], double[], String, String)}, for {@code float[]}. */
  public static void checkDirection(float[] primal, float[] direction, String primalName, String directionName) {
    checkDirection(length(primal, primalName), direction == null ? -1 : direction.length, primalName,
        directionName);
  }

  private static void checkDirection(int primalLength, int directionLength, String primalName,
      String directionName) {
    if (directionLength < 0) {
      throw new IllegalArgumentException(directionName + " is null; it needs one component per element of "
          + primalName);
    }
    if (directionLength != primalLength) {
      throw new IllegalArgumentException(directionName + " has " + directionLength + " components but "
          + primalName + " has " + primalLength);
    }
  }

  private static <T> T requirePresent(T primal, String name) {
    if (primal == null) {
      throw new IllegalArgumentException(name + " is null");
    }
    return primal;
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

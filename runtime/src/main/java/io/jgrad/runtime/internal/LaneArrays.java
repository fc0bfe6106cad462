package io.jgrad.runtime.internal;

/**
 * Argument checks for batched kernels: every lane array present and of the batch's length, every
 * array the lanes share present.
 */
public final class LaneArrays {
  private LaneArrays() {}

  /** The number of lanes, {@code array.length}; {@code name} is the parameter named in the error. */
  public static int length(String name, double[] array) {
    return require(name, array).length;
  }

  /** The number of lanes, {@code array.length}; {@code name} is the parameter named in the error. */
  public static int length(String name, float[] array) {
    return require(name, array).length;
  }

  /** Checks that {@code array} has one element per lane. */
  public static void check(int lanes, String name, double[] array) {
    sameLength(lanes, name, require(name, array).length);
  }

  /** Checks that {@code array} has one element per lane. */
  public static void check(int lanes, String name, float[] array) {
    sameLength(lanes, name, require(name, array).length);
  }

  /** The number of lanes, {@code array.length}; {@code name} is the parameter named in the error. */
  public static int length(String name, int[] array) {
    return require(name, array).length;
  }

  /** The number of lanes, {@code array.length}; {@code name} is the parameter named in the error. */
  public static int length(String name, long[] array) {
    return require(name, array).length;
  }

  /** The number of lanes, {@code array.length}; {@code name} is the parameter named in the error. */
  public static int length(String name, boolean[] array) {
    return require(name, array).length;
  }

  /** Checks that {@code array} has one element per lane. */
  public static void check(int lanes, String name, int[] array) {
    sameLength(lanes, name, require(name, array).length);
  }

  /** Checks that {@code array} has one element per lane. */
  public static void check(int lanes, String name, long[] array) {
    sameLength(lanes, name, require(name, array).length);
  }

  /** Checks that {@code array} has one element per lane. */
  public static void check(int lanes, String name, boolean[] array) {
    sameLength(lanes, name, require(name, array).length);
  }

  /** Checks that {@code array}, which every lane reads whole, is there. */
  public static void shared(String name, Object array) {
    if (array == null) {
      throw new IllegalArgumentException(name + " is null; every lane of a batched kernel reads it");
    }
  }

  private static <T> T require(String name, T array) {
    if (array == null) {
      throw new IllegalArgumentException(name + " is null; a batched kernel needs one element per lane");
    }
    return array;
  }

  private static void sameLength(int lanes, String name, int length) {
    if (length != lanes) {
      throw new IllegalArgumentException(name + " has " + length + " elements but the batch has " + lanes
          + " lanes (the length of the first array argument)");
    }
  }
}

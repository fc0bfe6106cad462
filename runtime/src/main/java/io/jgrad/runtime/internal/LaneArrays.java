package io.jgrad.runtime.internal;

/**
 * Argument checks for batched kernels: every lane array present and of the batch's length, every
 * array the lanes share present, every array of rows (one row per lane, laid end to end) a whole
 * number of rows. The arrays are primitive arrays of any element type.
 */
public final class LaneArrays {
  private LaneArrays() {}

  /** The number of lanes, the length of {@code array}; {@code name} is the parameter named in the error. */
  public static int length(String name, Object array) {
    return lengthOf(require(name, array));
  }

  /** Checks that {@code array} has one element per lane. */
  public static void check(int lanes, String name, Object array) {
    int length = lengthOf(require(name, array));
    if (length != lanes) {
      throw new IllegalArgumentException(name + " has " + length + " elements but the batch has " + lanes
          + " lanes (the length of the first array argument)");
    }
  }

  /**
   * The number of lanes of {@code array}, which holds one row of {@code rowLength} elements per lane;
   * {@code name} and {@code rowName} are the parameters named in the error.
   */
  public static int rows(String name, Object array, String rowName, int rowLength) {
    int length = lengthOf(require(name, array));
    if (rowLength <= 0) {
      throw new IllegalArgumentException(rowName + " is " + rowLength + " but the rows of " + name
          + " need at least one element each, to count the lanes");
    }
    if (length % rowLength != 0) {
      throw new IllegalArgumentException(name + " has " + length + " elements, which is not a whole number"
          + " of rows of " + rowName + " = " + rowLength);
    }
    return length / rowLength;
  }

  /** Checks that {@code array} has one row of {@code rowLength} elements per lane. */
  public static void checkRows(int lanes, String name, Object array, String rowName, int rowLength) {
    int length = lengthOf(require(name, array));
    if (rowLength < 0 || length != (long) lanes * rowLength) {
      throw new IllegalArgumentException(name + " has " + length + " elements but the batch has " + lanes
          + " lanes of rows of " + rowName + " = " + rowLength + " elements");
    }
  }

  /** Checks that {@code array}, which every lane reads whole, is there. */
  public static void shared(String name, Object array) {
    if (array == null) {
      throw new IllegalArgumentException(name + " is null; every lane of a batched kernel reads it");
    }
  }

  /** The length of a primitive array, without reflection (the CPU backends use none). */
  private static int lengthOf(Object array) {
    if (array instanceof double[] a) {
      return a.length;
    } else if (array instanceof float[] a) {
      return a.length;
    } else if (array instanceof int[] a) {
      return a.length;
    } else if (array instanceof long[] a) {
      return a.length;
    } else if (array instanceof boolean[] a) {
      return a.length;
    }
    throw new IllegalArgumentException("not a lane array: " + array.getClass().getName());
  }

  private static Object require(String name, Object array) {
    if (array == null) {
      throw new IllegalArgumentException(name + " is null; a batched kernel needs one element per lane");
    }
    return array;
  }
}

package io.jgrad.runtime.internal;

/**
 * What a generated {@code fJacobian} builds its unit tangents and cotangents with, and how it lays a
 * tangent or a gradient out as a row or a column of the Jacobian.
 */
public final class Jacobians {
  private Jacobians() {}

  /** A new array of {@code length} zeros with a one at {@code index}; all zeros when the index is outside. */
  public static double[] unit(int length, int index) {
    double[] e = new double[length];
    if (index >= 0 && index < length) {
      e[index] = 1.0;
    }
    return e;
  }

  /** As {@link #unit(int, int)}, for a {@code float[]}. */
  public static float[] floatUnit(int length, int index) {
    float[] e = new float[length];
    if (index >= 0 && index < length) {
      e[index] = 1.0f;
    }
    return e;
  }

  /**
   * The leaves in order, each a {@code Double}, a {@code Float}, a {@code double[]} or a
   * {@code float[]}, flattened into a new array: a row or a column of the Jacobian.
   */
  public static double[] leaves(Object... parts) {
    double[] out = new double[count(parts)];
    int k = 0;
    for (Object part : parts) {
      if (part instanceof double[] a) {
        System.arraycopy(a, 0, out, k, a.length);
        k += a.length;
      } else if (part instanceof float[] a) {
        for (float v : a) {
          out[k++] = v;
        }
      } else {
        out[k++] = ((Number) part).doubleValue();
      }
    }
    return out;
  }

  /** As {@link #leaves(Object...)}, for leaves that are all {@code Float}s or {@code float[]}s. */
  public static float[] floatLeaves(Object... parts) {
    float[] out = new float[count(parts)];
    int k = 0;
    for (Object part : parts) {
      if (part instanceof float[] a) {
        System.arraycopy(a, 0, out, k, a.length);
        k += a.length;
      } else {
        out[k++] = (Float) part;
      }
    }
    return out;
  }

  /**
   * Writes {@code column} into column {@code j} of {@code jacobian}, one element per row.
   *
   * @throws IllegalStateException if the column's length is not the number of rows (a rule whose
   *     tangent is not shaped like its value)
   */
  public static void setColumn(double[][] jacobian, int j, double[] column) {
    checkRows(jacobian.length, column.length);
    for (int i = 0; i < jacobian.length; i++) {
      jacobian[i][j] = column[i];
    }
  }

  /** As {@link #setColumn(double[][], int, double[])}, for a {@code float} Jacobian. */
  public static void setColumn(float[][] jacobian, int j, float[] column) {
    checkRows(jacobian.length, column.length);
    for (int i = 0; i < jacobian.length; i++) {
      jacobian[i][j] = column[i];
    }
  }

  /** Copies {@code column} into {@code block}, the one column of a number parameter's block. */
  public static void setColumn(double[] block, double[] column) {
    checkRows(block.length, column.length);
    System.arraycopy(column, 0, block, 0, block.length);
  }

  /** As {@link #setColumn(double[], double[])}, for a {@code float} Jacobian. */
  public static void setColumn(float[] block, float[] column) {
    checkRows(block.length, column.length);
    System.arraycopy(column, 0, block, 0, block.length);
  }

  private static void checkRows(int rows, int leaves) {
    if (leaves != rows) {
      throw new IllegalStateException("a tangent has " + leaves + " leaves but the value has " + rows);
    }
  }

  private static int count(Object[] parts) {
    int n = 0;
    for (Object part : parts) {
      n += part instanceof double[] a ? a.length : part instanceof float[] a ? a.length : 1;
    }
    return n;
  }
}

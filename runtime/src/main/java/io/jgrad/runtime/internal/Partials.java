package io.jgrad.runtime.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the partial derivatives of generated {@code DiffFnN} objects are made of: the path of
 * parameter indices from the function to the partial, and the unit directions it stands for.
 */
public final class Partials {
  private Partials() {}

  /** The path of the partial {@code i} of the object reached by {@code path}. */
  public static int[] then(int[] path, int i) {
    int[] out = Arrays.copyOf(path, path.length + 1);
    out[path.length] = i;
    return out;
  }

  /**
   * One unit vector of {@code length} per index on {@code path}: the directions of the derivative
   * the path names.
   *
   * @throws IndexOutOfBoundsException for an index outside the vector
   */
  public static double[][] units(int[] path, int length) {
    double[][] out = new double[path.length][length];
    for (int k = 0; k < path.length; k++) {
      out[k][Objects.checkIndex(path[k], length)] = 1.0;
    }
    return out;
  }
}

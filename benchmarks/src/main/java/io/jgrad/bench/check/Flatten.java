package io.jgrad.bench.check;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns any benchmark result (a number, a {@code double[]}, a record of those such as jgrad's
 * {@code Dual}, {@code FGrad}, {@code ValueAndGrad}) into one flat list of doubles, so results of
 * different libraries can be compared component by component.
 */
public final class Flatten {
  private Flatten() {}

  /** The doubles of {@code result} in declaration order. */
  public static double[] of(Object result) {
    List<Double> out = new ArrayList<>();
    add(result, out);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void add(Object value, List<Double> out) {
    if (value instanceof Number n) {
      out.add(n.doubleValue());
    } else if (value instanceof double[] a) {
      for (double d : a) {
        out.add(d);
      }
    } else if (value != null && value.getClass().isRecord()) {
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        try {
          add(c.getAccessor().invoke(value), out);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + c, e);
        }
      }
    } else {
      throw new IllegalArgumentException(
          "a benchmark must return numbers, double[] or records of them, not " + value);
    }
  }
}

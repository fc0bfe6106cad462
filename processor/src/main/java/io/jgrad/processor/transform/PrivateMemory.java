package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Kernels;
import io.jgrad.processor.ir.Lane;
import io.jgrad.processor.ir.Type;
import java.util.Map;

/**
 * The cap on a lane's local arrays where kernels run on OpenCL, which keeps them in each work-item's
 * private memory: small, and past what the device gives a crash of the whole JVM rather than an
 * error (PoCL 3.1 on the CPU ran a lane with 96 KiB of private arrays and crashed with 128 KiB).
 */
public final class PrivateMemory {
  /** The most bytes of local arrays (tangents included) one lane of one kernel may make. */
  public static final int LIMIT_BYTES = 64 * 1024;

  private PrivateMemory() {}

  /**
   * Throws {@link NotBatchable}, naming the largest array the function makes, where a lane of
   * {@code kernels} makes more than {@link #LIMIT_BYTES} bytes of local arrays.
   */
  public static void check(Kernels kernels) {
    String f = kernels.signature().name();
    if (kernels instanceof Kernels.Forward k) {
      check(k.value(), f + "Batch");
      check(k.jvp(), f + "JvpBatch");
      check(k.grad(), f + "GradBatch");
    } else if (kernels instanceof Kernels.Reverse k) {
      check(k.value(), f + "Batch");
      check(k.grad(), f + "GradBatch");
    }
  }

  private static void check(Lane lane, String kernel) {
    if (lane == null) {
      return;
    }
    Map<String, Expr.NewArray> arrays = Lane.privateArrays(lane.program());
    long bytes = 0;
    String largest = null;
    int largestSize = -1;
    for (Map.Entry<String, Expr.NewArray> a : arrays.entrySet()) {
      int size = a.getValue().length() instanceof Expr.Const c && c.value() instanceof Integer n ? n : 0;
      bytes += (long) size * elementBytes(a.getValue().type().element());
      if (size > largestSize) {
        largest = a.getKey();
        largestSize = size;
      }
    }
    if (bytes > LIMIT_BYTES) {
      throw new NotBatchable("the local arrays of a lane of " + kernel + " take " + bytes + " bytes (" + largest
          + " has " + largestSize + " elements), more than the " + LIMIT_BYTES + " bytes of private memory jgrad"
          + " gives a lane: OpenCL keeps them in each work-item's private memory, which is small, and a device"
          + " without enough of it crashes; hint: make the arrays shorter, or read a table the lanes share"
          + " (a static final array or an array parameter)", null, largest);
    }
  }

  /** The bytes of one element of type {@code t} in OpenCL C. */
  private static int elementBytes(Type t) {
    return t == Type.DOUBLE || t == Type.LONG ? 8 : t == Type.BOOLEAN ? 1 : 4;
  }
}

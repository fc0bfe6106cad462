package io.jgrad.processor.ir;

import java.util.List;

/** Whether a body creates or writes local arrays, which some generated forms (order 2, kernels) cannot take yet. */
public final class ArrayWrites {
  private ArrayWrites() {}

  /** Whether {@code body} holds {@code new double[n]} or {@code y[i] = ...}. */
  public static boolean any(List<Stmt> body) {
    return Rewrite.anyMatch(body, s -> s instanceof Stmt.ArrayWrite
        || s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray);
  }
}

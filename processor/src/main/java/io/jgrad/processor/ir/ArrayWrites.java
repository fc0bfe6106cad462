package io.jgrad.processor.ir;

import java.util.List;

/** Whether a body creates or writes local arrays, which some generated forms (order 2, kernels) cannot take yet. */
public final class ArrayWrites {
  private ArrayWrites() {}

  /** Whether {@code body} holds {@code new double[n]} or {@code y[i] = ...}. */
  public static boolean any(List<Stmt> body) {
    for (Stmt s : body) {
      if (s instanceof Stmt.ArrayWrite
          || (s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray)
          || (s instanceof Stmt.If f && (any(f.thenBody()) || any(f.elseBody())))
          || (s instanceof Stmt.While w && any(w.body()))
          || (s instanceof Stmt.Block b && any(b.body()))) {
        return true;
      }
    }
    return false;
  }
}

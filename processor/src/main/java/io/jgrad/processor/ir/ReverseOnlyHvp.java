package io.jgrad.processor.ir;

/**
 * Whether a function without forward mode (one that has or reaches a {@code @CustomVjp} rule) still
 * has {@code fHvp}, by reverse over reverse: the one decision that what is printed, what a body may
 * read and the explanation of a missing method follow.
 */
public final class ReverseOnlyHvp {
  private ReverseOnlyHvp() {}

  /**
   * Whether {@code sig} (for a function with records, its flat function: {@code records} set), of
   * {@code order}, has {@code fHvp} without forward mode: from order 2 on a function of
   * {@code double[]}s and doubles with a double result, through pullback functions returning gradient
   * arrays; or a function with records and a number result, over its leaves.
   */
  public static boolean exists(Callee sig, int order, boolean records) {
    return order >= 2 && sig.arraysReverseOverReverse()
        || order >= 2 && records && sig.returnType().isScalar();
  }
}

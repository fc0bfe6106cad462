package io.jgrad.processor.check;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;

/**
 * Which functions of an array reach second derivatives by reverse over reverse: at order 2, a double
 * result and one differentiated {@code double[]} parameter, whose pullback function returns the
 * gradient array and whose reverse mode gives the Hessian's rows.
 */
public final class ArrayReverseOverReverse {
  private ArrayReverseOverReverse() {}

  /**
   * Whether {@code f}, at {@code order}, has its second derivatives by reverse over reverse through
   * pullback functions of arrays (where it has no forward mode): the one decision the order limits,
   * the generated {@code fHvp} and the explanation of a missing method follow.
   */
  public static boolean applies(Function f, int order) {
    return f instanceof Function.Plain && order == 2 && applies(f.signature());
  }

  /** Whether {@code sig} is a function of one differentiated {@code double[]} with a double result. */
  private static boolean applies(Callee sig) {
    return sig.arraysReverseOverReverse() && sig.hasSingleGradient();
  }

  /**
   * What the refusal of {@code f} at {@code order} adds where it is a plain function of arrays: where
   * they would work.
   */
  static String hint(Function f, int order) {
    Callee sig = f.signature();
    if (!(f instanceof Function.Plain)) {
      return "";
    }
    return applies(sig) && order > 2
        ? " above order 2 (one double[] parameter works at order 2); hint: give it order = 2"
        : sig.differentiatedParams().stream().anyMatch(p -> p.type().isArray())
            ? ", or at order 2 one double[] parameter as the only one differentiated; hint: hold the other"
                + " parameters constant (@NonDiff, wrt), or pass the numbers in the array"
            : "";
  }
}

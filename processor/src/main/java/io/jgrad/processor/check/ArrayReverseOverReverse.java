package io.jgrad.processor.check;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Type;

/**
 * Which functions of arrays reach second derivatives by reverse over reverse: at order 2, a double
 * result and differentiated {@code double[]} and double parameters, one array at least, whose pullback
 * functions return the gradient's components and whose reverse modes give {@code fHvp} (and, for one
 * array, the Hessian's rows); and a {@code @CustomVjp} rule with a {@code double[]} result over
 * doubles, whose pullback functions take the cotangent array ({@link #arrayResultRule}).
 */
public final class ArrayReverseOverReverse {
  private ArrayReverseOverReverse() {}

  /**
   * Whether {@code f}, at {@code order}, has its second derivatives by reverse over reverse through
   * pullback functions of arrays (where it has no forward mode): what the order limits let through;
   * whether it then has {@code fHvp} is {@link io.jgrad.processor.ir.ReverseOnlyHvp}'s decision.
   */
  public static boolean applies(Function f, int order) {
    return f instanceof Function.Plain && order == 2 && applies(f.signature());
  }

  /**
   * Whether {@code f} is a {@code @CustomVjp} rule with a {@code double[]} result over differentiated
   * doubles at {@code order} 2: its pullback functions take the result's cotangent array, and the
   * second directional derivative's component k is read from their gradients at the cotangent eₖ.
   */
  public static boolean arrayResultRule(Function f, int order) {
    Callee sig = f.signature();
    return order == 2 && f instanceof Function.VjpRule rule && !rule.pullbacks().isEmpty()
        && sig.returnType() == Type.DOUBLE_ARRAY && sig.recordResult() == null
        && sig.differentiatedParams().stream().allMatch(p -> p.type() == Type.DOUBLE);
  }

  /** Whether {@code sig} is a function of {@code double[]}s (and doubles) with a double result. */
  private static boolean applies(Callee sig) {
    return sig.arraysReverseOverReverse();
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
        ? " above order 2 (double[] and double parameters work at order 2); hint: give it order = 2"
        : sig.differentiatedParams().stream().anyMatch(p -> p.type().isArray())
            ? ", or at order 2 double[] and double parameters with a double result; hint: pass the numbers"
                + " as doubles or in double[]s"
            : "";
  }
}

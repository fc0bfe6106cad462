package io.jgrad.processor.check;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Type;

/**
 * Which functions of arrays reach higher derivatives by reverse over reverse: at every order, a double
 * result and differentiated {@code double[]}, {@code float[]} and double parameters, one array at least, whose pullback
 * functions return the gradient's components and whose reverse modes give {@code fHvp} (and, for one
 * array, the Hessian's rows), their own pullback functions the directional {@code fDerivative} above
 * order 2; and a {@code @CustomVjp} rule with a {@code double[]} result over
 * doubles, whose pullback functions take the cotangent array ({@link #arrayResultRule}).
 */
public final class ArrayReverseOverReverse {
  private ArrayReverseOverReverse() {}

  /**
   * Whether {@code f}, at {@code order}, has its higher derivatives by reverse over reverse through
   * pullback functions of arrays (where it has no forward mode): what the order limits let through;
   * whether it then has {@code fHvp} is {@link io.jgrad.processor.ir.ReverseOnlyHvp}'s decision.
   */
  public static boolean applies(Function f, int order) {
    return f instanceof Function.Plain && order >= 2 && applies(f.signature());
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
        && sig.differentiatedParams().stream().allMatch(p -> p.type() == Type.DOUBLE || p.type() == Type.DOUBLE_ARRAY);
  }

  /**
   * Whether a caller of {@code order} without forward mode goes through a call of {@code g} by its
   * pullback functions, which take the result's cotangent array: {@code g} is a {@code @CustomVjp} rule
   * with a {@code double[]} result over doubles of order 2 ({@link #arrayResultRule}), the caller of
   * order 2 (its pullback functions have no pullback functions of their own yet).
   */
  static boolean throughArrayResultRule(Callee g, int order,
      java.util.function.Function<Callee, Function> bodies) {
    Function rule = bodies.apply(g);
    return order == 2 && rule != null && g.order() == 2 && arrayResultRule(rule, 2)
        && g.differentiatedParams().stream().allMatch(p -> p.type() == Type.DOUBLE);
  }

  /** Whether {@code sig} is a function of {@code double[]}s (and doubles) with a double result. */
  private static boolean applies(Callee sig) {
    return sig.arraysReverseOverReverse();
  }

  /**
   * What the refusal of {@code f} adds where it is a plain function of arrays: where they would work.
   */
  static String hint(Function f) {
    boolean arrays = f.signature().differentiatedParams().stream().anyMatch(p -> p.type().isArray());
    return f instanceof Function.Plain && arrays
        ? ", or double[], float[] and double parameters with a double result; hint: pass the numbers as doubles"
            + " or in arrays"
        : "";
  }
}

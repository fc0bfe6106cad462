package io.jgrad.processor.check;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import io.jgrad.processor.ir.Expr;
import java.util.Set;

/**
 * Which calls a custom JVP rule may pass its tangents to: a callee that is provably linear in the
 * parameters receiving them maps a tangent to a tangent (JAX's {@code return f(x), f(x_dot)} for a
 * linear {@code f}), so the rule stays linear in its tangents.
 */
@FunctionalInterface
public interface LinearCallees {
  /** No callee is known to be linear: every tangent passed to a call is an error. */
  LinearCallees NONE = (call, site, unit, positions) -> false;

  /**
   * Whether the function {@code call} calls, at {@code site} in {@code unit}, is provably linear in
   * its parameters at {@code positions} (its other arguments held fixed).
   */
  boolean linearIn(Expr.Call call, Tree site, CompilationUnitTree unit, Set<Integer> positions);
}

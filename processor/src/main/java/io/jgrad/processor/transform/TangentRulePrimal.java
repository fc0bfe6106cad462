package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Function;

/**
 * The rule primal of a function's first tangent function ({@code fTangentRulePrimal}), where a rule's
 * body calls another rule's function: callers above order 2 differentiate the tangent they read at one
 * order again two orders later, by when the inner rule has applied once, so they read it with each
 * call's output through its rule primal, as JAX traces the inner rule once.
 */
public final class TangentRulePrimal {
  private TangentRulePrimal() {}

  /**
   * The derivatives of {@code derived}'s {@code fTangentRulePrimal}, to one order less than its
   * {@code fTangent}; null where its function needs none (no nested rule, or below order 3).
   */
  public static Derived of(Derived derived) {
    if (!derived.forward() || derived.tangents().isEmpty()) {
      return null;
    }
    Function tangent = derived.tangents().get(0).function();
    Callee sig = tangent.signature();
    if (sig.tangentOrder() != 1 || !sig.rulePrimal()) {
      return null;
    }
    Callee primal = sig.secondOrderPrimal();
    return primal.equals(sig) ? null
        : Derivation.internal(new Function.Plain(primal, RulePrimal.of(tangent)), true, primal.order());
  }
}

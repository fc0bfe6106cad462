package io.jgrad.processor.emit;

import com.palantir.javapoet.MethodSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Type;
import java.util.List;

/**
 * {@code fRulePrimal} of a function of order 2 or more that has or reaches a {@code jvp} rule: its output with
 * each rule's primal output computed by the rule's body, a function of its own whose derivatives
 * differentiate those bodies as written. Second derivatives of callers read {@code f}'s output through
 * it ({@link Callee#secondOrderPrimal}), so that a rule that does not call its function is applied at
 * first order only, as in JAX.
 */
public final class RulePrimalEmitter {
  private RulePrimalEmitter() {}

  /**
   * {@code fRulePrimal} of {@code sig}, whose body computes each custom rule's output as the rule's
   * body does, and its derivatives ({@code derived}): {@code fRulePrimalVjp}, and {@code fRulePrimalJvp}
   * if it has forward mode.
   */
  public static void emit(Callee sig, Derived derived, Members members) {
    Callee primal = derived.signature();
    if (!primal.equals(sig.secondOrderPrimal()) || primal.equals(sig)) {
      throw new IllegalStateException(sig.name() + " has no fRulePrimal");
    }
    List<String> args = sig.paramNames();
    MethodSpec.Builder value = DerivativesEmitter.entryPoint(primal.name(), sig,
        "The value of {@code $L} with each custom rule's output computed by the rule's body, as a"
            + " function of its own: second derivatives of callers differentiate those bodies as written.\n",
            sig.name())
        .returns(DerivativesEmitter.resultType(sig)); // a flat function's whole record, else its type
    // A ScalarVjp holds a float function's value as a double: narrowed back, exactly.
    value.addStatement("return $L$LVjp($L).value()", sig.returnType() == Type.FLOAT ? "(float) " : "", primal.name(),
        String.join(", ", args));
    members.of(primal).addMethod(value.build());
    DerivativesEmitter.emit(derived, members);
  }
}

package io.jgrad.processor.check;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordSignature;
import java.util.Optional;

/**
 * Calls of a {@code @CustomJvp} rule with a record result from a function with forward mode above
 * the first order: the caller's tangent program reads the rule's tangent record through the rule's
 * {@code fTangent} and differentiates it through {@code fTangentJvp}, at order 2.
 */
final class RecordJvpRuleCalls {
  private RecordJvpRuleCalls() {}

  /** Whether {@code g}, called with a derivative, is a rule with a record result this check decides. */
  static boolean applies(Callee g, boolean forward, java.util.function.Function<Callee, Function> bodies) {
    return forward && g.recordResult() != null && !g.isFunctionObject()
        && bodies.apply(g) instanceof Function.JvpRule;
  }

  /** Why a caller of {@code order} cannot call the rule {@code g}, or empty. */
  static Optional<String> unsupported(Callee g, int order) {
    String name = RecordSignature.userName(g.name());
    if (order > 2) {
      return Optional.of("order " + order + " through a call to " + name + ", a @CustomJvp rule with a record"
          + " result, is not supported yet above order 2; hint: give the caller order = 2");
    }
    if (g.order() < order) {
      return Optional.of("order " + order + " through a call to " + name + ", which has order " + g.order()
          + "; hint: give " + name + " order = " + order);
    }
    return Optional.empty();
  }
}

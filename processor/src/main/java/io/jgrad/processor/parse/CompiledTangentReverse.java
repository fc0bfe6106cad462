package io.jgrad.processor.parse;

import io.jgrad.processor.ir.Callee;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/**
 * Whether a function compiled into an earlier jar lacks the reverse mode of its tangent function
 * ({@code fTangentVjp}), which second derivatives through it and a caller's derivatives of its
 * derivative calls go through: its class says, as the derivation of the same function in this
 * compilation decided (none where it reaches a {@code @CustomJvp} rule with an array or record
 * result, or an older jgrad generated it).
 */
final class CompiledTangentReverse {
  private CompiledTangentReverse() {}

  /**
   * Why {@code function}, compiled elsewhere and seen as {@code c} (its flat function for records),
   * has no {@code fTangentVjp} although its order gives it a tangent function; empty where it has
   * one or is of this compilation, whose derivation settles it.
   */
  static Optional<String> missing(ExecutableElement function, Callee c, ReadContext cx) {
    if (cx.trees.getPath(function) != null || c.order() < 2 || !c.forward()) {
      return Optional.empty();
    }
    String vjp = c.tangentFunction().name() + "Vjp";
    if (cx.callees.hasInternal(c, vjp)) {
      return Optional.empty();
    }
    return Optional.of("whose generated class has no " + vjp + " (the reverse mode of its tangent function: "
        + function.getSimpleName() + " reaches a @CustomJvp rule with an array or record result, or an older jgrad"
        + " generated it)");
  }
}

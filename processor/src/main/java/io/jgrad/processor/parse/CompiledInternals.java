package io.jgrad.processor.parse;

import io.jgrad.processor.ir.Callee;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/**
 * Whether a function compiled into an earlier jar lacks a generated internal method that second
 * derivatives through it, and a caller's derivatives of its derivative calls, call: the reverse and
 * forward modes of its tangent function ({@code fTangentVjp}, {@code fTangentJvp}), or for a
 * reverse-only function the reverse modes of its pullback functions ({@code fPullbackVjp}). Its
 * class says, as the derivation of the same function in this compilation decided (no
 * {@code fTangentVjp} where it reaches a {@code @CustomJvp} rule with an array or record result),
 * or an older jgrad generated it.
 */
final class CompiledInternals {
  private CompiledInternals() {}

  /**
   * Why {@code function}, compiled elsewhere and seen as {@code c} (its flat function for records),
   * cannot be differentiated twice: the first internal method it needs that its class lacks. Empty
   * where it has them all, has order 1, or is of this compilation, whose derivation settles it.
   */
  static Optional<String> missing(ExecutableElement function, Callee c, ReadContext cx) {
    if (cx.trees.getPath(function) != null || c.order() < 2) {
      return Optional.empty();
    }
    String tangent = c.tangentFunction().name();
    if (c.forward() && !cx.callees.hasInternal(c, tangent + "Vjp")) {
      return Optional.of("whose generated class has no " + tangent + "Vjp (the reverse mode of its tangent function: "
          + function.getSimpleName() + " reaches a @CustomJvp rule with an array or record result, or an older"
          + " jgrad generated it)");
    }
    List<String> needed = new ArrayList<>();
    if (c.forward()) {
      needed.add(tangent + "Jvp");
    } else {
      c.differentiatedParams().forEach(p -> needed.add(c.pullbackName(p) + "Vjp"));
    }
    return needed.stream().filter(name -> !cx.callees.hasInternal(c, name)).findFirst()
        .map(name -> "whose generated class has no " + name + " (an older jgrad generated it)");
  }
}

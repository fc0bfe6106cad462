package io.jgrad.processor.check;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordSignature;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a callee reaches, through the calls of its body, a {@code @CustomJvp} rule with an array
 * result: its tangent function then has no reverse mode ({@code gTangentVjp}), which a caller's
 * second derivatives through it would call.
 */
final class ArrayRuleReach {
  private ArrayRuleReach() {}

  /** The user's name of the first such rule that {@code g}'s body reaches (not {@code g} itself), if any. */
  static Optional<String> rule(Callee g, java.util.function.Function<Callee, Function> bodies) {
    return rule(g, bodies, new HashSet<>());
  }

  private static Optional<String> rule(Callee g, java.util.function.Function<Callee, Function> bodies,
      Set<String> seen) {
    Function body = bodies.apply(g);
    if (body == null || !seen.add(g.ownerQualifiedName() + "." + g.name())) {
      return Optional.empty();
    }
    for (Callee c : Calls.of(body)) {
      if (c.returnType() != null && c.returnType().isArray() && bodies.apply(c) instanceof Function.JvpRule) {
        return Optional.of(RecordSignature.userName(c.name()));
      }
      Optional<String> deeper = rule(c, bodies, seen);
      if (deeper.isPresent()) {
        return deeper;
      }
    }
    return Optional.empty();
  }
}

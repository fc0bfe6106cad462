package io.jgrad.processor.check;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Type;
import java.util.Optional;

/**
 * Calls at order 2 of a {@code @CustomVjp} rule of order 2 with an array result that takes an
 * array: refused naming that parameter, since the same call over doubles is supported and inlining
 * the rule would drop its bwd.
 */
final class ArrayResultVjpRuleCalls {
  private ArrayResultVjpRuleCalls() {}

  /** Why a caller of {@code order} cannot call {@code g} ({@code name}, body {@code body}), or empty. */
  static Optional<String> unsupported(Callee g, Function body, String name, int order) {
    // A rule of order 1 is refused for its order first (OrderLimits).
    if (!(body instanceof Function.VjpRule) || g.order() < 2 || g.returnType() == null
        || !g.returnType().isArray()) {
      return Optional.empty();
    }
    return g.params().stream().filter(p -> p.differentiated() && p.type() != Type.DOUBLE).findFirst()
        .map(p -> "order " + order + " through a call to " + name + ", a @CustomVjp rule with an array result,"
            + " is supported where its differentiated parameters are doubles, and its parameter " + p.name()
            + " is " + (p.type().isArray() ? "an array" : "a " + p.type().javaName()) + "; hint: give the caller"
            + " order = 1, or give " + name + " double parameters in place of " + p.name());
  }
}

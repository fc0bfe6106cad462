package io.jgrad.processor.check;

import io.jgrad.processor.ir.ArrayWrites;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Type;
import java.util.Optional;

/**
 * What second derivatives cannot reach yet, decided from a function's IR before anything is
 * generated, so that the derivatives are never begun for a function they would fail on.
 */
public final class OrderLimits {
  private OrderLimits() {}

  /**
   * Why {@code f} cannot have derivatives of {@code order}, or empty; {@code forward} says whether
   * it has forward mode, {@code records} whether records are in its signature.
   */
  public static Optional<String> unsupported(Function f, int order, boolean forward, boolean records) {
    if (order < 2) {
      return Optional.empty();
    }
    if (records) {
      return Optional.of("order 2 for records in the signature is not supported yet");
    }
    if (!forward && (f instanceof Function.JvpRule || f instanceof Function.JvpsRules)) {
      return Optional.of("order 2 of a @CustomJvp function that reaches a @CustomVjp rule is not supported yet");
    }
    if (f instanceof Function.JvpsRules) {
      return Optional.of("order 2 with jvps rules is not supported yet; hint: write one rule with jvp = \"...\"");
    }
    if (f.signature().returnType().isArray() || ArrayWrites.any(f.body())) {
      return Optional.of("order 2 with local arrays or an array result is not supported yet");
    }
    if (f.signature().differentiatedParams().stream().anyMatch(p -> p.type().isArray())) {
      return Optional.of("order 2 for array parameters is not supported yet");
    }
    boolean doubles = f.signature().returnType() == Type.DOUBLE
        && f.signature().differentiatedParams().stream().allMatch(p -> p.type() == Type.DOUBLE);
    if ((f instanceof Function.VjpRule || !forward) && !doubles) {
      // Reverse over reverse goes through pullback functions of doubles.
      return Optional.of("order 2 through a @CustomVjp rule needs double parameters and a double result");
    }
    return Optional.empty();
  }
}

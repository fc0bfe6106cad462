package io.jgrad.processor.check;

import io.jgrad.processor.ir.Function;
import java.util.Optional;

/**
 * What reverse over reverse cannot reach yet for a function with records in its signature that has
 * or reaches a {@code @CustomVjp} rule: it goes through the pullback functions of its flat function,
 * at order 2, for a number result (a record result has no pullback function per leaf yet).
 */
final class RecordReverseOverReverse {
  private RecordReverseOverReverse() {}

  /** Why the flat function {@code f} cannot have derivatives of {@code order}, or empty. */
  static Optional<String> unsupported(Function f, int order) {
    String o = "order " + order;
    String hint = "; hint: give it order = 1 or 2, or write the rule as a @CustomJvp rule";
    if (f.signature().recordResult() != null) {
      return Optional.of(o + " of a function with a record result that has or reaches a @CustomVjp rule is not"
          + " supported yet" + hint);
    }
    if (order > 2) {
      return Optional.of(o + " of a function with records that has or reaches a @CustomVjp rule is not supported"
          + " yet above order 2" + hint);
    }
    return Optional.empty();
  }
}

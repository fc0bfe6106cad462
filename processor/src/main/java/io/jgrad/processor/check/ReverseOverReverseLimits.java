package io.jgrad.processor.check;

import io.jgrad.processor.ir.Function;
import java.util.Optional;

/**
 * How far reverse over reverse goes above order 2: order n differentiates pullback functions of
 * pullback functions down n - 1 levels, each level with one function per parameter and cotangent
 * of the level above, so their number grows as k·(k + 1)···(k + n - 2) for k differentiated parameters.
 */
final class ReverseOverReverseLimits {
  /** The most pullback functions of the deepest level: each is a class member with its own reverse mode. */
  static final int MOST_PULLBACK_FUNCTIONS = 256;

  private ReverseOverReverseLimits() {}

  /** Why reverse-only {@code f} cannot have derivatives of {@code order} (above 2), or empty. */
  static Optional<String> unsupported(Function f, int order) {
    int k = f.signature().differentiatedParams().size();
    long count = 1;
    for (int level = 0; level < order - 1 && count <= MOST_PULLBACK_FUNCTIONS; level++) {
      count *= k + level;
    }
    if (count > MOST_PULLBACK_FUNCTIONS) {
      return Optional.of("order " + order + " of " + f.signature().name() + " by reverse over reverse would"
          + " generate more than " + MOST_PULLBACK_FUNCTIONS + " pullback functions of pullback functions for its "
          + k + " differentiated parameters; hint: give it a lower order, or differentiate fewer parameters"
          + " (@NonDiff, wrt)");
    }
    return Optional.empty();
  }
}

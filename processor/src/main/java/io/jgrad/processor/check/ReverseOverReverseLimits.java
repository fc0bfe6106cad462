package io.jgrad.processor.check;

import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.List;
import java.util.Optional;

/**
 * How far reverse over reverse goes above order 2: order n differentiates pullback functions of
 * pullback functions down n - 1 levels, each level with one function per parameter and cotangent
 * of the level above, so their number grows as k·(k + 1)···(k + n - 2) for k differentiated
 * parameters, and each level's code is several times the level's above.
 */
final class ReverseOverReverseLimits {
  /** The most pullback functions of the deepest level: each is a class member with its own reverse mode. */
  static final int MOST_PULLBACK_FUNCTIONS = 256;

  private ReverseOverReverseLimits() {}

  /**
   * The most IR nodes in a body differentiated reverse over reverse at order 3: each order above
   * multiplies the code of the deepest pullback functions by about six (a counting run, a recording
   * run and a backward sweep of the level above), and a method holds at most 64 KB of bytecode.
   */
  static final int ORDER_3_NODES = 200;

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
    // A rule's pullback functions splice its fwd and bwd: the largest of them is what grows.
    int nodes = f instanceof Function.VjpRule rule
        ? rule.pullbacks().stream().mapToInt(p -> nodes(p.body())).max().orElse(0) : nodes(f.body());
    long limit = ORDER_3_NODES;
    for (int above = 3; above < order; above++) {
      limit /= 6;
    }
    if (nodes > limit) {
      return Optional.of("order " + order + " of " + f.signature().name() + " by reverse over reverse: its body has "
          + nodes + " operations and values, more than the " + limit + " whose derivatives of that order fit"
          + " the JVM's 64 KB of bytecode per method; hint: give it a lower order, or split it into functions"
          + " that call each other");
    }
    return Optional.empty();
  }

  private static int nodes(List<Stmt> body) {
    int[] nodes = {0};
    Rewrite.stmts(body, e -> {
      nodes[0]++;
      return e;
    });
    return nodes[0];
  }
}

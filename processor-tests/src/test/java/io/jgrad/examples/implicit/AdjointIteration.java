package io.jgrad.examples.implicit;

import io.jgrad.runtime.DiffFn2;
import io.jgrad.runtime.Grad2;
import io.jgrad.runtime.Vjp;

/**
 * The notebook's rev_iter, u ↦ x̄* + uᵀ·∂f/∂x. It lives outside the class jgrad reads: javac 17 crashes
 * on a lambda in a class attributed while a type it mentions is still to be generated.
 */
final class AdjointIteration {
  private AdjointIteration() {}

  static DiffFn2 revIter(Vjp<Grad2> atSolution, double xStarBar) {
    return DiffFn2.primalOnly((unused, u) -> xStarBar + atSolution.pullback(u).second());
  }
}

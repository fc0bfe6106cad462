package io.jgrad.examples.implicit;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.DiffFn1;
import io.jgrad.runtime.DiffFn2;
import io.jgrad.runtime.Fwd;
import io.jgrad.runtime.Grad2;
import io.jgrad.runtime.Vjp;

/** The seed's fixed_point, written by a user the way API.md shows, and the same through FixedPoints. */
final class FixedPointExamples {
  private FixedPointExamples() {}

  /** Solves x = f(a, x) by iteration (the seed's while_loop); differentiated by its rule, never unrolled. */
  @CustomVjp(fwd = "fixedPointFwd", bwd = "fixedPointBwd")
  static double fixedPoint(DiffFn2 f, double a, double xGuess) {
    double xPrev = xGuess;
    double x = f.value(a, xGuess);
    while (Math.abs(xPrev - x) > 1e-6) {
      xPrev = x;
      x = f.value(a, x);
    }
    return x;
  }

  static Fwd<double[]> fixedPointFwd(DiffFn2 f, double a, double xGuess) {
    double xStar = fixedPoint(f, a, xGuess);
    return Fwd.of(xStar, new double[] {a, xStar});
  }

  /** The adjoint w = xStarBar + w·∂f/∂x is itself a fixed point: solved by calling fixedPoint again (rev_iter). */
  static FixedPointExamplesDerivatives.FixedPointGrad fixedPointBwd(DiffFn2 f, double[] res, double xStarBar) {
    double a = res[0];
    double xStar = res[1];
    Vjp<Grad2> atSolution = f.vjp(a, xStar);
    double w = fixedPoint(AdjointIteration.revIter(atSolution, xStarBar), 0.0, xStarBar);
    return new FixedPointExamplesDerivatives.FixedPointGrad(atSolution.pullback(w).first(), 0.0);
  }

  /** Newton's update for the square root of a. */
  @Differentiable
  static double update(double a, double x) {
    return 0.5 * (x + a / x);
  }

  /** The seed's newton_sqrt: only adds, multiplies and divides, differentiated implicitly. */
  @Differentiable
  static double newtonSqrt(double a) {
    return fixedPoint(FixedPointExamplesDerivatives.update(), a, a);
  }

  /** The same without writing any rule: FixedPoints gives the solution as a differentiable function object. */
  @Differentiable
  static double viaHelper(DiffFn1 sqrt, double a) {
    return sqrt.value(a);
  }
}

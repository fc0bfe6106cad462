package io.jgrad.examples.implicit;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.DiffFn1;
import io.jgrad.runtime.DiffFn2;
import io.jgrad.runtime.Fwd;
import io.jgrad.runtime.Grad2;
import io.jgrad.runtime.Vjp;

/** The notebook's fixed_point, written by a user the way the user guide (docs/guide) shows, and the same through FixedPoints. */
final class FixedPointExamples {
  private FixedPointExamples() {}

  /** Solves x = f(a, x) by iteration (the notebook's while_loop); differentiated by its rule, never unrolled. */
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

  /** The notebook's newton_sqrt: only adds, multiplies and divides, differentiated implicitly. */
  @Differentiable
  static double newtonSqrt(double a) {
    return fixedPoint(FixedPointExamplesDerivatives.update(), a, a);
  }

  /**
   * The notebook's fixed_point at order 2, for grad of grad: the same loop, with a backward pass written as
   * differentiable code, which jgrad reads and differentiates (reverse over reverse).
   */
  @CustomVjp(fwd = "fixedPoint2Fwd", bwd = "fixedPoint2Bwd", order = 2)
  static double fixedPoint2(DiffFn2 f, double a, double xGuess) {
    double xPrev = xGuess;
    double x = f.value(a, xGuess);
    while (Math.abs(xPrev - x) > 1e-6) {
      xPrev = x;
      x = f.value(a, x);
    }
    return x;
  }

  static Fwd<double[]> fixedPoint2Fwd(DiffFn2 f, double a, double xGuess) {
    double xStar = fixedPoint2(f, a, xGuess);
    return Fwd.of(xStar, new double[] {a, xStar});
  }

  /**
   * The adjoint w = xStarBar + w·∂f/∂x (the notebook's rev_iter) is xStarBar·v, with v the fixed point of
   * v = 1 + v·∂f/∂x: solved by calling fixedPoint2 again, on a function that needs no closure.
   */
  static FixedPointExamplesDerivatives.FixedPoint2Grad fixedPoint2Bwd(DiffFn2 f, double[] res, double xStarBar) {
    double a = res[0];
    double xStar = res[1];
    double slope = f.partialSecond().value(a, xStar);
    double w = xStarBar * fixedPoint2(FixedPointExamplesDerivatives.adjointStep(), slope, 1.0);
    return new FixedPointExamplesDerivatives.FixedPoint2Grad(w * f.partialFirst().value(a, xStar), 0.0);
  }

  /** One step of the adjoint iteration v = 1 + slope·v. */
  @Differentiable(order = 2)
  static double adjointStep(double slope, double v) {
    return 1 + slope * v;
  }

  /** Newton's update at order 2: its function object carries its partial derivatives as function objects. */
  @Differentiable(order = 2)
  static double update2(double a, double x) {
    return 0.5 * (x + a / x);
  }

  /** newton_sqrt for grad(grad(...)): reverse over reverse through fixedPoint2's rule. */
  @Differentiable(order = 2)
  static double newtonSqrt2(double a) {
    return fixedPoint2(FixedPointExamplesDerivatives.update2(), a, a);
  }

  /** The same without writing any rule: FixedPoints gives the solution as a differentiable function object. */
  @Differentiable
  static double viaHelper(DiffFn1 sqrt, double a) {
    return sqrt.value(a);
  }
}

package io.jgrad.sample;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.DiffFn1;
import io.jgrad.runtime.DiffFn2;
import io.jgrad.runtime.Fwd;

/** The notebook's fixed_point, written by a user the way the user guide (docs/guide) shows, and the same through FixedPoints. */
final class ImplicitExamples {
  private ImplicitExamples() {}

  /**
   * Solves x = f(a, x) by iteration (the notebook's while_loop); differentiated by its rule, never
   * unrolled. With order = 2 jgrad also reads fwd and bwd as differentiable code, for grad of grad.
   */
  @CustomVjp(fwd = "fixedPointFwd", bwd = "fixedPointBwd", order = 2)
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

  /**
   * The adjoint w = xStarBar + w·∂f/∂x (the notebook's rev_iter) is xStarBar·v, with v the fixed point of
   * v = 1 + v·∂f/∂x: solved by calling fixedPoint again. The partial derivatives of f are function
   * objects themselves, so this pass can be differentiated again.
   */
  static ImplicitExamplesDerivatives.FixedPointGrad fixedPointBwd(DiffFn2 f, double[] res, double xStarBar) {
    double a = res[0];
    double xStar = res[1];
    double slope = f.partialSecond().value(a, xStar);
    double w = xStarBar * fixedPoint(ImplicitExamplesDerivatives.adjointStep(), slope, 1.0);
    return new ImplicitExamplesDerivatives.FixedPointGrad(w * f.partialFirst().value(a, xStar), 0.0);
  }

  /** One step of the adjoint iteration v = 1 + slope·v. */
  @Differentiable(order = 2)
  static double adjointStep(double slope, double v) {
    return 1 + slope * v;
  }

  /** Newton's update for the square root of a. */
  @Differentiable(order = 2)
  static double update(double a, double x) {
    return 0.5 * (x + a / x);
  }

  /** The notebook's newton_sqrt: only adds, multiplies and divides, differentiated implicitly. */
  @Differentiable(order = 2)
  static double newtonSqrt(double a) {
    return fixedPoint(ImplicitExamplesDerivatives.update(), a, a);
  }

  /** The same without writing any rule: FixedPoints gives the solution as a differentiable function object. */
  @Differentiable
  static double viaHelper(DiffFn1 sqrt, double a) {
    return sqrt.value(a);
  }
}

package io.jgrad.sample;

import io.jgrad.runtime.DiffFn1;
import io.jgrad.runtime.FixedPoints;

/** Prints the notebook's fixed_point results: newton_sqrt, its vmap row, its implicit gradient and grad of grad. */
final class ImplicitPrints {
  private ImplicitPrints() {}

  static void print() {
    System.out.println("# Implicit function differentiation of iterative implementations (fixed_point)");
    System.out.println("newton_sqrt(2.) = " + ImplicitExamples.newtonSqrt(2.0));
    StringBuilder row = new StringBuilder();
    for (double a : new double[] {1, 2, 3, 4}) {
      row.append(row.length() == 0 ? "" : ", ").append(ImplicitExamples.newtonSqrt(a));
    }
    System.out.println("vmap(newton_sqrt)([1., 2., 3., 4.]) = [" + row + "]");
    System.out.println("grad(newton_sqrt)(2.) = " + ImplicitExamplesDerivatives.newtonSqrtGrad(2.0));
    System.out.println("grad(sqrt)(2.) = " + 1 / (2 * Math.sqrt(2.0)));
    System.out.println("grad(grad(newton_sqrt))(2.) = " + ImplicitExamplesDerivatives.newtonSqrtHessian(2.0));
    System.out.println("grad(grad(sqrt))(2.) = " + -0.25 * Math.pow(2.0, -1.5));
    DiffFn1 sqrt = FixedPoints.solution(ImplicitExamplesDerivatives.update(), a -> a);
    System.out.println("grad(FixedPoints.solution(update))(2.) = " + sqrt.grad(2.0));
  }
}

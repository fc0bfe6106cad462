package io.jgrad.sample;

import io.jgrad.sample.Containers.Point;

/** Prints the notebook's "Working with containers" results for both custom rules. */
final class ContainerPrints {
  private ContainerPrints() {}

  static void print() {
    System.out.println("# Working with containers");
    Point pt = new Point(1., 2.);
    System.out.println("custom_jvp f(Point(1., 2.)) = " + ContainerJvpExamples.f(pt));
    System.out.println("custom_jvp grad(fun)(Point(1., 2.)) = " + ContainerJvpExamplesDerivatives.funGrad(pt));
    System.out.println("custom_vjp f(Point(1., 2.)) = " + ContainerVjpExamples.f(pt));
    System.out.println("custom_vjp grad(fun)(Point(1., 2.)) = " + ContainerVjpExamplesDerivatives.funGrad(pt));
  }
}

package io.jgrad.examples.nondiff;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.DiffFn1;
import io.jgrad.runtime.DiffFn2;
import io.jgrad.runtime.Fwd;

/** Second derivatives through function objects: forward over forward, and reverse over reverse. */
final class SecondOrderFunctionObjects {
  private SecondOrderFunctionObjects() {}

  @Differentiable(order = 2)
  static double cube(double x) {
    return x * x * x;
  }

  @Differentiable(order = 2)
  static double mix(double x, double y) {
    return Math.sin(x) * y + x * x;
  }

  /** f(f(x)) + x: its Hessian goes through the object's derivative() and its jvp. */
  @Differentiable(order = 2)
  static double twice(DiffFn1 f, double x) {
    return f.value(f.value(x)) + x;
  }

  /** g(x, exp x)·x through partialFirst() and partialSecond(). */
  @Differentiable(order = 2)
  static double mixed(DiffFn2 g, double x) {
    double y = Math.exp(x);
    return g.value(x, y) * x;
  }

  @CustomVjp(fwd = "squareFwd", bwd = "squareBwd", order = 2)
  static double square(double x) {
    return x * x;
  }

  static Fwd<Double> squareFwd(double x) {
    return Fwd.of(x * x, x);
  }

  static double squareBwd(Double x, double g) {
    return 2 * x * g;
  }

  /** square(f(x)): reverse only, so its Hessian is reverse over reverse, through the object's partial. */
  @Differentiable(order = 2)
  static double squareOf(DiffFn1 f, double x) {
    return square(f.value(x));
  }
}

package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
import io.jgrad.runtime.DiffFnN;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.Fwd;

/** DiffFnN objects at order 2 and 3: their partials as objects, and bodies calling through them. */
final class VectorObjectOrderExamples {
  private VectorObjectOrderExamples() {}

  @Differentiable(order = 2)
  static double mix3(double a, double b, double c) {
    return a * a * b + Math.sin(b * c) + c * c * c;
  }

  @Differentiable(order = 3)
  static double cubic3(double a, double b, double c) {
    return a * a * a * b + b * c * c + Math.exp(c);
  }

  /** A bound parameter between the differentiated ones. */
  @Differentiable(order = 2)
  static double weighted(double a, @NonDiff double w, double b, double c) {
    return w * a * b * c;
  }

  @Differentiable(order = 2)
  static double sumCubes(double[] xs) {
    double s = 0;
    for (double v : xs) {
      s += v * v * v;
    }
    return s;
  }

  /** f(x, xy, 2)·y through the object, at order 2. */
  @Differentiable(order = 2)
  static double apply(DiffFnN f, double x, double y) {
    return f.value(x, y * x, 2.0) * y;
  }

  /** f(x, x², 1) through the object, at order 3. */
  @Differentiable(order = 3)
  static double apply3(DiffFnN f, double x) {
    return f.value(x, x * x, 1.0);
  }

  /** A rule that does not call its primal: the outer derivative differentiates its body as written. */
  @SuppressWarnings("jgrad.RuleSkipsPrimal")
  @CustomJvp(jvp = "skew3Jvp", order = 2)
  static double skew3(double a, double b, double c) {
    return Math.sin(a) * b * c;
  }

  static Dual skew3Jvp(double a, double b, double c, double aDot, double bDot, double cDot) {
    return Dual.of(Math.sin(a) * b * c, 2 * Math.cos(a) * b * c * aDot + Math.sin(a) * (c * bDot + b * cDot));
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

  /** Reverse over reverse through a @CustomVjp rule and the object: f(x, 2x, 1)². */
  @Differentiable(order = 2)
  static double applyReverse(DiffFnN f, double x) {
    return square(f.value(x, 2 * x, 1.0));
  }
}

package io.jgrad.examples.nondiff;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.DiffFn1;
import io.jgrad.runtime.DiffFn2;
import io.jgrad.runtime.Fwd;

/** Higher-order differentiable functions: they take DiffFn1/DiffFn2 objects and call them. */
final class FunctionObjects {
  private FunctionObjects() {}

  @Differentiable
  static double cube(double x) {
    return x * x * x;
  }

  @Differentiable
  static double mix(double x, double y) {
    return Math.sin(x) * y + x * x;
  }

  @Differentiable
  static double wave(double x) {
    return Math.sin(x) + 0.5 * x;
  }

  /** f(f(x)) + x. */
  @Differentiable
  static double twice(DiffFn1 f, double x) {
    return f.value(f.value(x)) + x;
  }

  /** g(x, exp x) * x. */
  @Differentiable
  static double mixed(DiffFn2 g, double x) {
    double y = Math.exp(x);
    return g.value(x, y) * x;
  }

  /** Calls through the object in a loop and a branch: its pullbacks go on the tape. */
  @Differentiable
  static double iterate(DiffFn1 f, double x, int n) {
    double acc = x;
    for (int i = 0; i < n; i++) {
      if (acc > 0) {
        acc = 0.5 * f.value(acc) + x;
      } else {
        acc = acc - f.value(x);
      }
    }
    return acc;
  }

  /** Takes the object of a function of this compilation in the body: (x^9 + x) x. */
  @Differentiable
  static double twiceCube(double x) {
    return twice(FunctionObjectsDerivatives.cube(), x) * x;
  }

  /** The object of a @CustomJvp function of another class, with a method reference bound: the rule holds. */
  @Differentiable
  static double twiceApp(double x, int n) {
    return twice(SeedNonDiffJvpDerivatives.app(Math::sin), x) * n;
  }

  /** Hands the object on to another higher-order function. */
  @Differentiable
  static double passOn(DiffFn1 f, double x) {
    return twice(f, Math.sin(x));
  }

  /** A function object reaches a custom rule's passes as it is: bwd pulls back through its vjp. */
  @CustomVjp(fwd = "applyAtFwd", bwd = "applyAtBwd")
  static double applyAt(DiffFn1 f, double x) {
    return f.value(x);
  }

  static Fwd<Double> applyAtFwd(DiffFn1 f, double x) {
    return Fwd.of(f.value(x), x);
  }

  static double applyAtBwd(DiffFn1 f, Double x, double g) {
    return f.vjp(x).pullback(g);
  }

  /** (2x)^3, through the rule and the object of cube. */
  @Differentiable
  static double cubeViaRule(double x) {
    return applyAt(FunctionObjectsDerivatives.cube(), x * 2);
  }

  /** A function with reverse mode only: its object's jvp throws, its vjp works. */
  @CustomVjp(fwd = "halfGradFwd", bwd = "halfGradBwd")
  static double halfGrad(double x) {
    return x * x;
  }

  static Fwd<Double> halfGradFwd(double x) {
    return Fwd.of(x * x, x);
  }

  static double halfGradBwd(Double x, double g) {
    return x * g;
  }
}

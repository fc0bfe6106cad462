package io.jgrad.examples.custom;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/** @CustomVjp functions of order 2: their Hessians differentiate the rule's fwd and bwd (reverse over reverse). */
final class ReverseOverReverseExamples {
  private ReverseOverReverseExamples() {}

  /** sin with its cosine saved as the residual: the Hessian differentiates bwd's cos·g and fwd's cos(x). */
  @CustomVjp(fwd = "sinRuleFwd", bwd = "sinRuleBwd", order = 2)
  static double sinRule(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> sinRuleFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  static double sinRuleBwd(Double cos, double g) {
    return cos * g;
  }

  /** exp whose forward pass calls the function itself: its residual's derivative comes from the rule again. */
  @CustomVjp(fwd = "expRuleFwd", bwd = "expRuleBwd", order = 2)
  static double expRule(double x) {
    return Math.exp(x);
  }

  static Fwd<Double> expRuleFwd(double x) {
    double y = expRule(x);
    return Fwd.of(y, y);
  }

  static double expRuleBwd(Double y, double g) {
    return y * g;
  }

  /** x²·y with the inputs saved in an array; the backward pass returns the gradient record. */
  @CustomVjp(fwd = "productFwd", bwd = "productBwd", order = 2)
  static double product(double x, double y) {
    return x * x * y;
  }

  static Fwd<double[]> productFwd(double x, double y) {
    return Fwd.of(x * x * y, new double[] {x, y});
  }

  static ReverseOverReverseExamplesDerivatives.ProductGrad productBwd(double[] res, double g) {
    double x = res[0];
    double y = res[1];
    return new ReverseOverReverseExamplesDerivatives.ProductGrad(2 * x * y * g, x * x * g);
  }

  /** The notebook's clip_gradient at order 2: non-linear in the cotangent, with a non-differentiated lo and hi. */
  @CustomVjp(fwd = "clipFwd", bwd = "clipBwd", order = 2)
  static double clip(double lo, double hi, double x) {
    return x;
  }

  static Fwd<double[]> clipFwd(double lo, double hi, double x) {
    return Fwd.of(x, new double[] {lo, hi});
  }

  static ReverseOverReverseExamplesDerivatives.ClipGrad clipBwd(double[] res, double g) {
    return new ReverseOverReverseExamplesDerivatives.ClipGrad(0, 0, Math.max(res[0], Math.min(res[1], g)));
  }

  /** A residual record and a branch in the backward pass: |x|³ with its sign and square saved. */
  record Saved(double sign, double square) {}

  @CustomVjp(fwd = "cubeAbsFwd", bwd = "cubeAbsBwd", order = 2)
  static double cubeAbs(double x) {
    return Math.abs(x) * x * x;
  }

  static Fwd<Saved> cubeAbsFwd(double x) {
    if (x < 0) {
      return Fwd.of(-x * x * x, new Saved(-1, x * x));
    }
    return Fwd.of(x * x * x, new Saved(1, x * x));
  }

  static double cubeAbsBwd(Saved s, double g) {
    if (s.sign() < 0) {
      return -3 * s.square() * g;
    }
    return 3 * s.square() * g;
  }

  /** A caller: its Hessian transposes its body into pullback functions that call sinRule's and product's. */
  @Differentiable(order = 2)
  static double caller(double x, double y) {
    double s = sinRule(x * y);
    double p;
    if (x > 0) {
      p = product(x, s);
    } else {
      p = product(y, s) / 2;
    }
    return p + 3 * x;
  }

  /** A function with forward mode: reverse-over-reverse callers pull back through its Hessian. */
  @Differentiable(order = 2)
  static double cubicMix(double x, double y) {
    return x * x * x + Math.sin(x * y);
  }

  /** A caller of a caller, of a @CustomVjp function and of a function with forward mode. */
  @Differentiable(order = 2)
  static double outer(double x) {
    return caller(x, 2.0) * expRule(x) + cubicMix(x, 3.0 * x);
  }

  /** Locals of the same name in both branches, and a parameter reassigned: single-assignment form. */
  @Differentiable(order = 2)
  static double branchy(double x) {
    double p;
    if (x > 0) {
      double t = x * x;
      p = sinRule(t);
    } else {
      double t = 2 * x;
      p = expRule(t);
    }
    x = x * p;
    return x + p;
  }
  /** x²·y whose backward pass returns null (a zero gradient, JAX's None) where x is negative. */
  @CustomVjp(fwd = "rampFwd", bwd = "rampBwd", order = 2)
  static double ramp(double x, double y) {
    return x * x * y;
  }

  static Fwd<double[]> rampFwd(double x, double y) {
    return Fwd.of(x * x * y, new double[] {x, y});
  }

  static ReverseOverReverseExamplesDerivatives.RampGrad rampBwd(double[] res, double g) {
    if (res[0] < 0) {
      return null;
    }
    return new ReverseOverReverseExamplesDerivatives.RampGrad(2 * res[0] * res[1] * g, res[0] * res[0] * g);
  }

  /** {@code ramp}'s twin with the zero gradient written out. */
  @CustomVjp(fwd = "rampZerosFwd", bwd = "rampZerosBwd", order = 2)
  static double rampZeros(double x, double y) {
    return x * x * y;
  }

  static Fwd<double[]> rampZerosFwd(double x, double y) {
    return Fwd.of(x * x * y, new double[] {x, y});
  }

  static ReverseOverReverseExamplesDerivatives.RampZerosGrad rampZerosBwd(double[] res, double g) {
    if (res[0] < 0) {
      return new ReverseOverReverseExamplesDerivatives.RampZerosGrad(0, 0);
    }
    return new ReverseOverReverseExamplesDerivatives.RampZerosGrad(2 * res[0] * res[1] * g, res[0] * res[0] * g);
  }

  /** sinRule applied n times: order 2 through a loop that reaches a @CustomVjp (the pullback's tape in arrays). */
  @Differentiable(order = 2)
  static double sinTimes(double x, int n) {
    double c = x;
    for (int i = 0; i < n; i++) {
      c = sinRule(c);
    }
    return c;
  }

  /**
   * A while loop whose trip count depends on the value, a branch inside it, and two parameters:
   * each step multiplies by y or adds the rule's x²·y, until c passes 10 (or 8 steps).
   */
  @Differentiable(order = 2)
  static double loopWithBranch(double x, double y) {
    double c = x;
    int k = 0;
    while (Math.abs(c) < 10 && k < 8) {
      if (k % 2 == 0) {
        c = c * y + sinRule(c);
      } else {
        c = c + product(x, c) * 0.1;
      }
      k = k + 1;
    }
    return c * x;
  }

  /** A local array written and read through two rules: order 2 with local arrays, reverse over reverse. */
  @Differentiable(order = 2)
  static double arrayThroughRules(double x, double y) {
    double[] a = new double[3];
    a[0] = sinRule(x);
    a[1] = product(x, y);
    a[2] = a[0] * a[1];
    a[0] = a[0] + a[2] * y;
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s = s + a[i] * y;
    }
    return s;
  }
}

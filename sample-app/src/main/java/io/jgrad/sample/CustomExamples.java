package io.jgrad.sample;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.Fwd;

/** The notebook's custom_jvp and custom_vjp examples, written the way the user guide (docs/guide) shows. */
final class CustomExamples {
  private CustomExamples() {}

  // ---- TL;DR: custom_jvp with defjvp

  @CustomJvp(jvp = "fJvp")
  static double f(double x, double y) {
    return Math.sin(x) * y;
  }

  static Dual fJvp(double x, double y, double xDot, double yDot) {
    double primalOut = f(x, y);
    return Dual.of(primalOut, Math.cos(x) * xDot * y + Math.sin(x) * yDot);
  }

  // ---- TL;DR: the defjvps convenience wrapper

  @CustomJvp(jvps = {"gJvpX", "gJvpY"})
  static double g(double x, double y) {
    return Math.sin(x) * y;
  }

  static double gJvpX(double xDot, double primalOut, double x, double y) {
    return Math.cos(x) * xDot * y;
  }

  static double gJvpY(double yDot, double primalOut, double x, double y) {
    return Math.sin(x) * yDot;
  }

  // ---- TL;DR: custom_vjp

  @CustomVjp(fwd = "hFwd", bwd = "hBwd")
  static double h(double x, double y) {
    return Math.sin(x) * y;
  }

  static Fwd<double[]> hFwd(double x, double y) {
    return Fwd.of(h(x, y), new double[] {Math.cos(x), Math.sin(x), y});
  }

  static CustomExamplesDerivatives.HGrad hBwd(double[] res, double g) {
    return new CustomExamplesDerivatives.HGrad(res[0] * g * res[2], res[1] * g);
  }

  // ---- Numerical stability

  @CustomJvp(jvp = "log1pexpJvp")
  static double log1pexp(double x) {
    return Math.log(1 + Math.exp(x));
  }

  static Dual log1pexpJvp(double x, double xDot) {
    double ans = log1pexp(x);
    return Dual.of(ans, (1 - 1 / (1 + Math.exp(x))) * xDot);
  }

  @CustomJvp(jvps = {"log1pexp2Jvp"})
  static double log1pexp2(double x) {
    return Math.log(1 + Math.exp(x));
  }

  static double log1pexp2Jvp(double t, double ans, double x) {
    return (1 - 1 / (1 + Math.exp(x))) * t;
  }

  // ---- Enforcing a differentiation convention

  @CustomJvp(jvp = "rootRatioJvp")
  static double rootRatio(double x) {
    return x / (1 + Math.sqrt(x));
  }

  static Dual rootRatioJvp(double x, double xDot) {
    double ans = rootRatio(x);
    double s = Math.sqrt(x) + 1;
    return Dual.of(ans, (Math.sqrt(x) + 2) / (2 * s * s) * xDot);
  }

  // ---- Gradient clipping

  @CustomVjp(fwd = "clipGradientFwd", bwd = "clipGradientBwd")
  static double clipGradient(double lo, double hi, double x) {
    return x;
  }

  static Fwd<double[]> clipGradientFwd(double lo, double hi, double x) {
    return Fwd.of(x, new double[] {lo, hi});
  }

  static CustomExamplesDerivatives.ClipGradientGrad clipGradientBwd(double[] res, double g) {
    return new CustomExamplesDerivatives.ClipGradientGrad(0, 0, Math.max(res[0], Math.min(res[1], g)));
  }

  @Differentiable
  static double clipSin(double t) {
    return clipGradient(-0.75, 0.75, Math.sin(t));
  }

  // ---- Basic usage: side effects show which code runs

  @CustomJvp(jvp = "loudJvp")
  static double loud(double x) {
    System.out.println("called f!");
    return Math.sin(x);
  }

  static Dual loudJvp(double x, double xDot) {
    System.out.println("called f_jvp!");
    return Dual.of(loud(x), Math.cos(x) * xDot);
  }

  @CustomJvp(jvp = "sinLikeJvp", order = 2)
  static double sinLike(double x) {
    return Math.sin(x);
  }

  static Dual sinLikeJvp(double x, double xDot) {
    return Dual.of(sinLike(x), Math.cos(x) * xDot);
  }

  /** The notebook's branchy example: grad at 1. is 2.0, at -1. is 3.0. */
  @CustomJvp(jvp = "branchyJvp")
  static double branchy(double x) {
    if (x > 0) {
      return 2 * x;
    }
    return 3 * x;
  }

  static Dual branchyJvp(double x, double xDot) {
    double ans = branchy(x);
    if (x > 0) {
      return Dual.of(ans, 2 * xDot);
    } else {
      return Dual.of(ans, 3 * xDot);
    }
  }

  /** Multi-argument: f(x, y) = x² y; grad wrt x at (2, 3) is 12.0, wrt y is 4.0. */
  @CustomJvp(jvp = "squareTimesJvp")
  static double squareTimes(double x, double y) {
    return x * x * y;
  }

  static Dual squareTimesJvp(double x, double y, double xDot, double yDot) {
    return Dual.of(squareTimes(x, y), 2 * x * y * xDot + x * x * yDot);
  }

  /** The same with the y rule left out ("" means zero). */
  @CustomJvp(jvps = {"squareTimesNoYJvpX", ""})
  static double squareTimesNoY(double x, double y) {
    return x * x * y;
  }

  static double squareTimesNoYJvpX(double xDot, double primalOut, double x, double y) {
    return 2 * x * y * xDot;
  }

  @CustomVjp(fwd = "loudVjpFwd", bwd = "loudVjpBwd")
  static double loudVjp(double x) {
    System.out.println("called f!");
    return Math.sin(x);
  }

  static Fwd<Double> loudVjpFwd(double x) {
    System.out.println("called f_fwd!");
    return Fwd.of(loudVjp(x), Math.cos(x));
  }

  static double loudVjpBwd(Double cosX, double g) {
    System.out.println("called f_bwd!");
    return cosX * g;
  }
}

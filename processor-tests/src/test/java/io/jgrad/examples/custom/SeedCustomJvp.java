package io.jgrad.examples.custom;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/** The notebook's custom_jvp examples, written the way the user guide (docs/guide) shows. */
final class SeedCustomJvp {
  private SeedCustomJvp() {}

  @CustomJvp(jvp = "fJvp")
  static double f(double x, double y) {
    return Math.sin(x) * y;
  }

  static Dual fJvp(double x, double y, double xDot, double yDot) {
    double primalOut = f(x, y);
    return Dual.of(primalOut, Math.cos(x) * xDot * y + Math.sin(x) * yDot);
  }

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

  @CustomJvp(jvp = "rootRatioJvp")
  static double rootRatio(double x) {
    return x / (1 + Math.sqrt(x));
  }

  static Dual rootRatioJvp(double x, double xDot) {
    double ans = rootRatio(x);
    double s = Math.sqrt(x) + 1;
    return Dual.of(ans, (Math.sqrt(x) + 2) / (2 * s * s) * xDot);
  }

  /** The notebook's branchy rule: grad(f)(1.) = 2.0, grad(f)(-1.) = 3.0. */
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

  /** Multi-argument: f(x, y) = x² y; the rule gives only the x part, "" means zero for y. */
  @CustomJvp(jvps = {"squareTimesJvpX", ""})
  static double squareTimes(double x, double y) {
    return x * x * y;
  }

  static double squareTimesJvpX(double xDot, double primalOut, double x, double y) {
    return 2 * x * y * xDot;
  }

  /** Multi-argument with one rule: grad wrt x at (2, 3) is 12.0, wrt y is 4.0. */
  @CustomJvp(jvp = "squareTimesAllJvp")
  static double squareTimesAll(double x, double y) {
    return x * x * y;
  }

  static Dual squareTimesAllJvp(double x, double y, double xDot, double yDot) {
    return Dual.of(squareTimesAll(x, y), 2 * x * y * xDot + x * x * yDot);
  }

  /** A caller of custom-rule functions uses the rules in every mode. */
  @Differentiable
  static double caller(double x, double y) {
    return f(x, y) * log1pexp(x) + g(y, x);
  }
}

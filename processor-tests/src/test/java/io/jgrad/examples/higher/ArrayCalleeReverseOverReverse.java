package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * Reverse over reverse (a caller reaching a {@code @CustomVjp} rule) through a function of doubles
 * that calls a function of an array: its pullback functions go through the array function's
 * {@code fTangentVjp}, generated for {@code double[]} parameters too.
 */
final class ArrayCalleeReverseOverReverse {
  private ArrayCalleeReverseOverReverse() {}

  /** Σ xᵢ². */
  @Differentiable(order = 2)
  static double sumSq(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return s;
  }

  /** a²b² + sin²(a), through sumSq of a local array. */
  @Differentiable(order = 2)
  static double viaArray(double a, double b) {
    double[] y = new double[2];
    y[0] = a * b;
    y[1] = Math.sin(a);
    return sumSq(y);
  }

  /** sin with a {@code @CustomVjp} rule. */
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

  /** Reaches the rule: its Hessian is reverse over reverse, through viaArray's pullback functions. */
  @Differentiable(order = 2)
  static double both(double a, double b) {
    return sinRule(a) * viaArray(a, b);
  }
}

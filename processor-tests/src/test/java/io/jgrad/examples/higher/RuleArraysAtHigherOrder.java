package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/**
 * Custom JVP rules whose bodies keep values in local arrays, at order 2 and above: the rule's body,
 * arrays included, is differentiated as written, and a call of its own function applies it again.
 */
final class RuleArraysAtHigherOrder {
  private RuleArraysAtHigherOrder() {}

  /** x²y with a rule holding the gradient in a local array: (2xy, x²). */
  @CustomJvp(jvp = "pairJvp", order = 2)
  static double pair(double x, double y) {
    return x * x * y;
  }

  static Dual pairJvp(double x, double y, double xDot, double yDot) {
    double[] g = new double[2];
    g[0] = 2 * x * y;
    g[1] = x * x;
    return Dual.of(pair(x, y), g[0] * xDot + g[1] * yDot);
  }

  /** Σ xᵢ⁴, its rule keeping the slopes 4xᵢ³ in a local array filled in a loop. */
  @CustomJvp(jvp = "quarticJvp", order = 3)
  static double quartic(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v * v * v;
    }
    return s;
  }

  static Dual quarticJvp(double[] x, double[] xDot) {
    double[] slope = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      slope[i] = 4 * x[i] * x[i] * x[i];
    }
    double t = 0;
    for (int i = 0; i < x.length; i++) {
      t += slope[i] * xDot[i];
    }
    return Dual.of(quartic(x), t);
  }

  /** A caller of both: pair(x₀, x₁) + x₀·quartic(x). */
  @Differentiable(order = 2)
  static double caller(double[] x) {
    return pair(x[0], x[1]) + x[0] * quartic(x);
  }

  /** A rule that does not call its function, with a local array: its body differentiated as written. */
  @CustomJvp(jvp = "doubledJvp", order = 2)
  static double doubled(double x) {
    return Math.sin(x);
  }

  static Dual doubledJvp(double x, double xDot) {
    double[] c = new double[1];
    c[0] = 2 * Math.cos(x);
    return Dual.of(Math.sin(x), c[0] * xDot);
  }
}

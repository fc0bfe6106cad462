package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Jvp;

/**
 * {@code @CustomJvp} rules with an array result at order 2 and 3, and functions of order 2 that call
 * them: the rule applies once, its tangent is differentiated as written above that (JAX).
 */
final class ArrayResultRulesAtHigherOrder {
  private ArrayResultRulesAtHigherOrder() {}

  /** xᵢ² with a rule that is not its derivative (3xᵢ·ẋᵢ) and calls its function, so it applies at every order. */
  @CustomJvp(jvp = "squaresJvp", order = 2)
  static double[] squares(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * x[i];
    }
    return y;
  }

  static Jvp<double[]> squaresJvp(double[] x, double[] xDot) {
    double[] y = squares(x);
    double[] t = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      t[i] = 3 * x[i] * xDot[i];
    }
    return Jvp.of(y, t);
  }

  /** e^(xᵢ)·k, its true derivative as a rule that computes the value itself, to order 3. */
  @CustomJvp(jvp = "scaledExpJvp", order = 3)
  static double[] scaledExp(double[] x, double k) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.exp(x[i]) * k;
    }
    return y;
  }

  static Jvp<double[]> scaledExpJvp(double[] x, double k, double[] xDot, double kDot) {
    double[] y = new double[x.length];
    double[] t = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double e = Math.exp(x[i]);
      y[i] = e * k;
      t[i] = e * k * xDot[i] + e * kDot;
    }
    return Jvp.of(y, t);
  }

  /** y = squares(ab, sin a); y₀·y₁ + y₀: second derivatives through the rule's tangent 3x·ẋ. */
  @Differentiable(order = 2)
  static double throughSquares(double a, double b) {
    double[] x = new double[2];
    x[0] = a * b;
    x[1] = Math.sin(a);
    double[] y = squares(x);
    return y[0] * y[1] + y[0];
  }

  /** Σ scaledExp(x, k)ᵢ·xᵢ: the rule is the true derivative, so this is e^(xᵢ)·k·xᵢ summed. */
  @Differentiable(order = 2)
  static double throughScaledExp(double[] x, double k) {
    double[] y = scaledExp(x, k);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += y[i] * x[i];
    }
    return s;
  }
}

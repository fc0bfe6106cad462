package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/**
 * Array results at order 2 and above: {@code fDerivative} gives each result component's directional
 * derivative of that order (JAX's {@code jvp} of {@code jvp} of an array-valued function).
 */
final class ArrayResultOrderExamples {
  private ArrayResultOrderExamples() {}

  /** yᵢ = a·xᵢ²: an array parameter next to a number. */
  @Differentiable(order = 2)
  static double[] scaledSquares(double[] x, double a) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = a * x[i] * x[i];
    }
    return y;
  }

  /** Neighbours coupled in a loop: yᵢ = sin(xᵢ·xᵢ₊₁) for i < n - 1, and y₍ₙ₋₁₎ = exp(x₀)·x₍ₙ₋₁₎. */
  @Differentiable(order = 2)
  static double[] coupled(double[] x) {
    int n = x.length;
    double[] y = new double[n];
    for (int i = 0; i + 1 < n; i++) {
      y[i] = Math.sin(x[i] * x[i + 1]);
    }
    y[n - 1] = Math.exp(x[0]) * x[n - 1];
    return y;
  }

  /** A curve of one number, to order 3: (cos t, sin t, t²). */
  @Differentiable(order = 3)
  static double[] curve(double t) {
    double[] c = new double[3];
    c[0] = Math.cos(t);
    c[1] = Math.sin(t);
    c[2] = t * t;
    return c;
  }

  /** A callee of order 2 and a custom rule, applied at every order: yᵢ = softplus(xᵢ) + cube(xᵢ). */
  @Differentiable(order = 2)
  static double[] throughCalls(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = softplus(x[i]) + cube(x[i]);
    }
    return y;
  }

  /** log(1 + eᶻ). */
  @Differentiable(order = 2)
  static double softplus(double z) {
    return Math.log1p(Math.exp(z));
  }

  /** z³ with a rule that calls its function: 3z² at every order. */
  @CustomJvp(jvp = "cubeJvp", order = 2)
  static double cube(double z) {
    return z * z * z;
  }

  static Dual cubeJvp(double z, double zDot) {
    return Dual.of(cube(z), 3 * z * z * zDot);
  }
}

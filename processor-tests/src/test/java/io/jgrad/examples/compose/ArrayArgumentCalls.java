package io.jgrad.examples.compose;

import io.jgrad.annotations.Differentiable;

/**
 * Arrays created with an initializer as call arguments ({@code g(new double[] {a, b})},
 * {@code fGrad(new double[] {a, b})}): each is lifted into a local array the statement starts with.
 */
final class ArrayArgumentCalls {
  private ArrayArgumentCalls() {}

  /** w₀²·w₁ + sin w₁. */
  @Differentiable(order = 2)
  static double pair(double[] w) {
    return w[0] * w[0] * w[1] + Math.sin(w[1]);
  }

  /** pair(ab, b) = a²b³ + sin b. */
  @Differentiable
  static double throughLiteral(double a, double b) {
    return pair(new double[] {a * b, b});
  }

  /** ∇pair(a, 2b)₀·∇pair(a, 2b)₁ = 4ab·(a² + cos 2b). */
  @Differentiable
  static double gradientOfLiteral(double a, double b) {
    double[] g = ArrayArgumentCallsDerivatives.pairGrad(new double[] {a, 2 * b});
    return g[0] * g[1];
  }

  /** ∂pair/∂w₀ at (a, b), along a direction written in place: 2ab. */
  @Differentiable
  static double slopeOfLiteral(double a, double b) {
    double s = ArrayArgumentCallsDerivatives.pairJvp(new double[] {a, b}, new double[] {1, 0}).tangent();
    return s;
  }
}

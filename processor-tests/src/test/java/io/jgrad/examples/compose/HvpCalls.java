package io.jgrad.examples.compose;

import io.jgrad.annotations.Differentiable;

/**
 * Differentiable functions that read H·v of an order-3 function of a {@code double[]} in their body
 * ({@code double[] hv = fHvp(w, v)}, or {@code fHvp(w, v)[i]} in place): the caller's derivatives are
 * third derivatives of f, through its internal {@code fHvpFunction}.
 */
final class HvpCalls {
  private HvpCalls() {}

  /** Σ xᵢ⁴/4 + x₀x₁x₂: H = diag(3xᵢ²) with x₂, x₁, x₀ off the diagonal. */
  @Differentiable(order = 3)
  static double quartic(double[] x) {
    double s = x[0] * x[1] * x[2];
    for (int i = 0; i < x.length; i++) {
      s += 0.25 * x[i] * x[i] * x[i] * x[i];
    }
    return s;
  }

  /** vᵀ·H(x)·v, H·v read into a local array. */
  @Differentiable
  static double curvature(double[] x, double[] v) {
    double[] hv = HvpCallsDerivatives.quarticHvp(x, v);
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += v[i] * hv[i];
    }
    return s;
  }

  /** xᵀ·H(x)·v, H·v read in place in a loop. */
  @Differentiable
  static double along(double[] x, double[] v) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += HvpCallsDerivatives.quarticHvp(x, v)[i] * x[i];
    }
    return s;
  }
}

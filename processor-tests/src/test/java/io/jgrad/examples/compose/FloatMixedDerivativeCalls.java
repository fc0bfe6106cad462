package io.jgrad.examples.compose;

import io.jgrad.annotations.Differentiable;

/**
 * Derivative calls of order-2 functions of a {@code float[]} beside a {@code double}, and of a
 * {@code double[]} beside a {@code float}: the gradient record's components typed as the parameters.
 */
final class FloatMixedDerivativeCalls {
  private FloatMixedDerivativeCalls() {}

  /** a·Σwᵢ² + a². */
  @Differentiable(order = 2)
  static double weighted(float[] w, double a) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += a * w[i] * w[i];
    }
    return s + a * a;
  }

  /** (Σ ∂f/∂wᵢ·wᵢ)·∂f/∂a = 2aS·(S + 2a), S = Σwᵢ². */
  @Differentiable
  static double weightedProduct(float[] w, double a) {
    float[] gw = FloatMixedDerivativeCallsDerivatives.weightedGrad(w, a).w();
    double ga = FloatMixedDerivativeCallsDerivatives.weightedGrad(w, a).a();
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += gw[i] * w[i];
    }
    return s * ga;
  }

  /** b·Σxᵢ². */
  @Differentiable(order = 2)
  static double scaledNorm(double[] x, float b) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return b * s;
  }

  /** Σ ∂f/∂xᵢ·xᵢ + ∂f/∂b·b = 2bS + bS = 3bS, S = Σxᵢ², the array read in place. */
  @Differentiable
  static double scaledNormSum(double[] x, float b) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += FloatMixedDerivativeCallsDerivatives.scaledNormGrad(x, b).x()[i] * x[i];
    }
    float gb = FloatMixedDerivativeCallsDerivatives.scaledNormGrad(x, b).b();
    return s + gb * b;
  }
}

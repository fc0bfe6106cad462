package io.jgrad.examples.compose;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/**
 * Functions of order 2 that read the gradient of an order-3 function of a {@code double[]}: their
 * second derivatives are third derivatives of f, through {@code fGradientTangent} (H·v) and its
 * forward mode, with a custom rule whose H is not symmetric; and one that reads H·v of an order-4
 * function, through {@code fHvpFunctionTangent} (fourth derivatives).
 */
final class GradientCallsAtOrderTwo {
  private GradientCallsAtOrderTwo() {}

  /** Σ xᵢ⁴/4 + x₀x₁x₂: ∇f = (x₀³ + x₁x₂, x₁³ + x₀x₂, x₂³ + x₀x₁). */
  @Differentiable(order = 3)
  static double quartic(double[] x) {
    double s = x[0] * x[1] * x[2];
    for (int i = 0; i < x.length; i++) {
      s += 0.25 * x[i] * x[i] * x[i] * x[i];
    }
    return s;
  }

  /** |∇f(w)|², the gradient read into a local array. */
  @Differentiable(order = 2)
  static double gradientNorm(double[] w) {
    double[] g = GradientCallsAtOrderTwoDerivatives.quarticGrad(w);
    double s = 0;
    for (int i = 0; i < g.length; i++) {
      s += g[i] * g[i];
    }
    return s;
  }

  /** MAML's inner step: f(w - lr·∇f(w)). */
  @Differentiable(order = 2)
  static double afterStep(double[] w, double lr) {
    double[] g = GradientCallsAtOrderTwoDerivatives.quarticGrad(w);
    double[] w1 = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      w1[i] = w[i] - lr * g[i];
    }
    return quartic(w1);
  }

  /** x₀x₁² with the rule tangent 2x₁²ẋ₀ + 3x₀ẋ₁ (not its derivative): H = [[0, 4x₁], [3, 0]]. */
  @CustomJvp(jvp = "leanJvp", order = 3)
  static double lean(double[] x) {
    return x[0] * x[1] * x[1];
  }

  static Dual leanJvp(double[] x, double[] xDot) {
    return Dual.of(lean(x), 2 * x[1] * x[1] * xDot[0] + 3 * x[0] * xDot[1]);
  }

  /** ∇lean(w)·d, the gradient read in place: 2w₁²d₀ + 3w₀d₁. */
  @Differentiable(order = 2)
  static double leanAlong(double[] w, double[] d) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += GradientCallsAtOrderTwoDerivatives.leanGrad(w)[i] * d[i];
    }
    return s;
  }

  /** Σ xᵢ⁵/20 + x₀²x₁x₂/2: ∂⁴f/∂xᵢ⁴ = 6xᵢ, 1 for the derivatives along x₀, x₀, x₁, x₂, else 0. */
  @Differentiable(order = 4)
  static double quintic(double[] x) {
    double s = 0.5 * x[0] * x[0] * x[1] * x[2];
    for (int i = 0; i < x.length; i++) {
      s += 0.05 * x[i] * x[i] * x[i] * x[i] * x[i];
    }
    return s;
  }

  /** vᵀ·H(x)·v, H·v read into a local array. */
  @Differentiable(order = 2)
  static double curvature(double[] x, double[] v) {
    double[] hv = GradientCallsAtOrderTwoDerivatives.quinticHvp(x, v);
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += v[i] * hv[i];
    }
    return s;
  }
}

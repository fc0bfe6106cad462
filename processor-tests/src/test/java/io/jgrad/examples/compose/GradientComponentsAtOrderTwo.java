package io.jgrad.examples.compose;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/**
 * Functions of order 2 that read the gradient components of order-3 functions of a {@code double[]}
 * and a double: their second derivatives are third derivatives of f, through
 * {@code fGradientWTangent} and {@code fGradientBTangent} (components of H·v) and their forward
 * modes, with a custom rule whose H is not symmetric.
 */
final class GradientComponentsAtOrderTwo {
  private GradientComponentsAtOrderTwo() {}

  /** b·Σ wᵢ³/3 + b·w₀w₁ + b³/6: ∂/∂wᵢ = b·wᵢ² (+ b·w₁ at 0, + b·w₀ at 1), ∂/∂b = Σ wᵢ³/3 + w₀w₁ + b²/2. */
  @Differentiable(order = 3)
  static double cubic(double[] w, double b) {
    double s = b * w[0] * w[1] + b * b * b / 6;
    for (int i = 0; i < w.length; i++) {
      s += b * w[i] * w[i] * w[i] / 3;
    }
    return s;
  }

  /** |∇f(w, b)|²: the array component read into a local, the number on the call. */
  @Differentiable(order = 2)
  static double gradientNorm(double[] w, double b) {
    double[] gw = GradientComponentsAtOrderTwoDerivatives.cubicGrad(w, b).w();
    double gb = GradientComponentsAtOrderTwoDerivatives.cubicGrad(w, b).b();
    double s = gb * gb;
    for (int i = 0; i < gw.length; i++) {
      s += gw[i] * gw[i];
    }
    return s;
  }

  /** A gradient step in both parameters, the array component read in place, the record held. */
  @Differentiable(order = 2)
  static double afterStep(double[] w, double b) {
    GradientComponentsAtOrderTwoDerivatives.CubicGrad g = GradientComponentsAtOrderTwoDerivatives.cubicGrad(w, b);
    double[] w1 = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      w1[i] = w[i] - 0.1 * g.w()[i];
    }
    return cubic(w1, b - 0.1 * g.b());
  }

  /**
   * x₀x₁b with the rule tangent b·x₁²·ẋ₀ + 2x₀·ḃ (not its derivative): by the rule the gradient is
   * (b·x₁², 0; 2x₀), whose Jacobian [[0, 2b·x₁, x₁²], [0, 0, 0], [2, 0, 0]] is not symmetric.
   */
  @CustomJvp(jvp = "leanJvp", order = 3)
  static double lean(double[] x, double b) {
    return x[0] * x[1] * b;
  }

  static Dual leanJvp(double[] x, double b, double[] xDot, double bDot) {
    return Dual.of(lean(x, b), b * x[1] * x[1] * xDot[0] + 2 * x[0] * bDot);
  }

  /** ∇lean(x, b)·(d, e) by the rule: b·x₁²·d₀ + 2x₀·e. */
  @Differentiable(order = 2)
  static double leanAlong(double[] x, double b, double[] d, double e) {
    double s = GradientComponentsAtOrderTwoDerivatives.leanGrad(x, b).b() * e;
    for (int i = 0; i < x.length; i++) {
      s += GradientComponentsAtOrderTwoDerivatives.leanGrad(x, b).x()[i] * d[i];
    }
    return s;
  }
}

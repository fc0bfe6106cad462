package io.jgrad.examples.compose;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * Differentiable functions that read the gradient of order-2 functions of arrays that reach a
 * {@code @CustomVjp} rule (reverse mode only): the gradient is a call of the pullback function at the
 * cotangent 1, differentiated reverse over reverse, {@code bwd} as written.
 */
final class ReverseOnlyArrayGradientCalls {
  private ReverseOnlyArrayGradientCalls() {}

  /** sin with its true derivative as the rule. */
  @CustomVjp(fwd = "sineFwd", bwd = "sineBwd", order = 2)
  static double sine(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> sineFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  static double sineBwd(Double cos, double g) {
    return cos * g;
  }

  /** a·b with a rule that is not its derivative: the gradient (b, 2a), whose Jacobian is asymmetric. */
  @CustomVjp(fwd = "skewFwd", bwd = "skewBwd", order = 2)
  static double skew(double a, double b) {
    return a * b;
  }

  static Fwd<double[]> skewFwd(double a, double b) {
    return Fwd.of(a * b, new double[] {a, b});
  }

  static ReverseOnlyArrayGradientCallsDerivatives.SkewGrad skewBwd(double[] res, double g) {
    return new ReverseOnlyArrayGradientCallsDerivatives.SkewGrad(g * res[1], 2 * g * res[0]);
  }

  /** Σ sin(xᵢ·xᵢ₊₁): a loop through the true rule. */
  @Differentiable(order = 2)
  static double waves(double[] x) {
    double s = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      s += sine(x[i] * x[i + 1]);
    }
    return s;
  }

  /** skew(x₀, x₁) + x₂²: by the rule the gradient (x₁, 2x₀, 2x₂). */
  @Differentiable(order = 2)
  static double skewed(double[] x) {
    return skew(x[0], x[1]) + x[2] * x[2];
  }

  /** skew(w₀, w₁) + skew(w₂, b) + b²·w₀: an array next to a number. */
  @Differentiable(order = 2)
  static double mixed(double[] w, double b) {
    return skew(w[0], w[1]) + skew(w[2], b) + b * b * w[0];
  }

  /** The loss after one gradient step of size lr: the gradient read into a local array. */
  @Differentiable
  static double wavesAfterStep(double[] w, double lr) {
    double[] g = ReverseOnlyArrayGradientCallsDerivatives.wavesGrad(w);
    double[] w1 = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      w1[i] = w[i] - lr * g[i];
    }
    return waves(w1);
  }

  /** ∇f(w)·d by the rule, read in place: its gradient in w is Jᵀ·d. */
  @Differentiable
  static double skewSlope(double[] w, double[] d) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += ReverseOnlyArrayGradientCallsDerivatives.skewedGrad(w)[i] * d[i];
    }
    return s;
  }

  /** s·∇f(w) through fVjp, read into a local. */
  @Differentiable
  static double pulled(double[] w, double s) {
    double[] p = ReverseOnlyArrayGradientCallsDerivatives.skewedVjp(w).pullback(s);
    return p[0] * p[1] + p[2];
  }

  /** The components of a gradient record: an array and a number. */
  @Differentiable
  static double mixedSlope(double[] w, double b) {
    double[] gw = ReverseOnlyArrayGradientCallsDerivatives.mixedGrad(w, b).w();
    double s = ReverseOnlyArrayGradientCallsDerivatives.mixedGrad(w, b).b() * b;
    for (int i = 0; i < w.length; i++) {
      s += gw[i] * w[i];
    }
    return s;
  }
}

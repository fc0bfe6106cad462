package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;

/** A rule over an array whose tangent is no gradient, so that its Hessian (∂T/∂x) is asymmetric. */
final class AsymmetricRuleHvp {
  private AsymmetricRuleHvp() {}

  /** Σ xᵢ², with the rule T_i = xᵢ·xᵢ₊₁ (i + 1 < n), T_{n-1} = 0. */
  @CustomJvp(jvp = "chainedJvp", order = 2)
  static double chained(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return s;
  }

  static Dual chainedJvp(double[] x, double[] xDot) {
    double t = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      t += x[i] * x[i + 1] * xDot[i];
    }
    return Dual.of(chained(x), t);
  }

  /** Σ xᵢ² + a, with the rule T_x_i = a·xᵢxᵢ₊₁ (i + 1 < n), T_x_{n-1} = 0, T_a = Σ xᵢ. */
  @CustomJvp(jvp = "scaledJvp", order = 2)
  static double scaled(double[] x, double a) {
    double s = a;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return s;
  }

  static Dual scaledJvp(double[] x, double a, double[] xDot, double aDot) {
    double t = 0;
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += x[i];
      if (i + 1 < x.length) {
        t += a * x[i] * x[i + 1] * xDot[i];
      }
    }
    return Dual.of(scaled(x, a), t + sum * aDot);
  }
}

package io.jgrad.examples.arrays;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.Jvp;
import io.jgrad.runtime.RecordFwd;

/** A @CustomVjp function with an array result: fwd returns a RecordFwd, bwd takes the cotangent array. */
final class ArrayResultRules {
  private ArrayResultRules() {}

  /** Softplus element by element, with the stable derivative σ(x) kept as the residual. */
  @CustomVjp(fwd = "softplusFwd", bwd = "softplusBwd")
  static double[] softplus(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.max(x[i], 0) + Math.log1p(Math.exp(-Math.abs(x[i])));
    }
    return y;
  }

  static RecordFwd<double[], double[]> softplusFwd(double[] x) {
    double[] sigma = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      sigma[i] = 1 / (1 + Math.exp(-x[i]));
    }
    return RecordFwd.of(softplus(x), sigma);
  }

  static double[] softplusBwd(double[] sigma, double[] g) {
    double[] out = new double[sigma.length];
    for (int i = 0; i < sigma.length; i++) {
      out[i] = sigma[i] * g[i];
    }
    return out;
  }

  /** k·x element by element. */
  @Differentiable
  static double[] scaledCopy(double[] x, double k) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = k * x[i];
    }
    return y;
  }

  /** Σ (k·x[i])² + Σ softplus(x[i]) + k: array results of a plain function and of a rule, used. */
  @Differentiable
  static double useArrays(double[] x, double k) {
    double[] y = scaledCopy(x, k);
    double[] z = softplus(x);
    double s = k;
    for (int i = 0; i < x.length; i++) {
      s += y[i] * y[i] + z[i];
    }
    return s;
  }

  /** y[0]·y[1] + k with y = k·x: forward mode through a call with an array result. */
  @Differentiable
  static double useCopy(double[] x, double k) {
    double[] y = scaledCopy(x, k);
    return y[0] * y[1] + k;
  }

  /** 3x element by element, with a rule that builds its tangent in a local array. */
  @CustomJvp(jvp = "thriceJvp")
  static double[] thrice(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 3 * x[i];
    }
    return y;
  }

  static Jvp<double[]> thriceJvp(double[] x, double[] xDot) {
    double[] y = thrice(x);
    double[] t = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      t[i] = 3 * xDot[i];
    }
    return Jvp.of(y, t);
  }

  /** Σ x² with a rule that keeps 2x·ẋ in a local array before summing it. */
  @CustomJvp(jvp = "squaresJvp")
  static double squares(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return s;
  }

  static Dual squaresJvp(double[] x, double[] xDot) {
    double[] parts = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      parts[i] = 2 * x[i] * xDot[i];
    }
    double t = 0;
    for (int i = 0; i < x.length; i++) {
      t += parts[i];
    }
    return Dual.of(squares(x), t);
  }
}

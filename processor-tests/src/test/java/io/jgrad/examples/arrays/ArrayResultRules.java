package io.jgrad.examples.arrays;

import io.jgrad.annotations.CustomVjp;
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
}

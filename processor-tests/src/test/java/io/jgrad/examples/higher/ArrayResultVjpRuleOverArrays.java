package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.runtime.RecordFwd;

/**
 * A {@code @CustomVjp} rule with a {@code double[]} result over a {@code double[]} and a double, at
 * order 2: reverse over reverse through its pullback functions, which take the result's cotangent
 * array (the array's returns the gradient array), {@code bwd} differentiated as written.
 */
final class ArrayResultVjpRuleOverArrays {
  private ArrayResultVjpRuleOverArrays() {}

  /** (x₀x₁s, x₀²), with a bwd that is not its derivative: ∂y₀ = (x₁s, x₀²; x₀x₁), ∂y₁ = (3x₀, 0; 0). */
  @CustomVjp(fwd = "bendFwd", bwd = "bendBwd", order = 2)
  static double[] bend(double[] x, double s) {
    double[] y = new double[2];
    y[0] = x[0] * x[1] * s;
    y[1] = x[0] * x[0];
    return y;
  }

  static RecordFwd<double[], double[]> bendFwd(double[] x, double s) {
    return RecordFwd.of(bend(x, s), new double[] {x[0], x[1], s});
  }

  static ArrayResultVjpRuleOverArraysDerivatives.BendGrad bendBwd(double[] res, double[] g) {
    double[] x = new double[2];
    x[0] = res[1] * res[2] * g[0] + 3 * res[0] * g[1];
    x[1] = res[0] * res[0] * g[0];
    return new ArrayResultVjpRuleOverArraysDerivatives.BendGrad(x, res[0] * res[1] * g[0]);
  }
}

package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.runtime.RecordFwd;

/**
 * A {@code @CustomVjp} rule with a {@code double[]} result at order 2: reverse over reverse through
 * its pullback functions, which take the result's cotangent array, {@code bwd} differentiated as
 * written.
 */
final class ArrayResultVjpRuleAtOrderTwo {
  private ArrayResultVjpRuleAtOrderTwo() {}

  /** (a·b, a²·b), with a bwd that is not its derivative: ∂y₀ = (2b, a), ∂y₁ = (2ab, a²) scaled by g. */
  @CustomVjp(fwd = "stretchFwd", bwd = "stretchBwd", order = 2)
  static double[] stretch(double a, double b) {
    return new double[] {a * b, a * a * b};
  }

  static RecordFwd<double[], double[]> stretchFwd(double a, double b) {
    return RecordFwd.of(new double[] {a * b, a * a * b}, new double[] {a, b});
  }

  static ArrayResultVjpRuleAtOrderTwoDerivatives.StretchGrad stretchBwd(double[] res, double[] g) {
    double a = res[0];
    double b = res[1];
    return new ArrayResultVjpRuleAtOrderTwoDerivatives.StretchGrad(2 * b * g[0] + 2 * a * b * g[1], a * g[0] + a * a * g[1]);
  }
}

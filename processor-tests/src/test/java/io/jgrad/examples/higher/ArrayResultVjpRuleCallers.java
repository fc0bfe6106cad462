package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.RecordFwd;

/**
 * A function of order 2 calling a {@code @CustomVjp} rule with a {@code double[]} result over
 * doubles: reverse over reverse through the rule's pullback functions, which take the result's
 * cotangent array, the rule applied again where the result's value is differentiated.
 */
final class ArrayResultVjpRuleCallers {
  private ArrayResultVjpRuleCallers() {}

  /** (a·b, a²·b), with a bwd that is not its derivative: ∂y₀ = (2b, a), ∂y₁ = (2ab, a²) scaled by g. */
  @CustomVjp(fwd = "stretchFwd", bwd = "stretchBwd", order = 2)
  static double[] stretch(double a, double b) {
    return new double[] {a * b, a * a * b};
  }

  static RecordFwd<double[], double[]> stretchFwd(double a, double b) {
    return RecordFwd.of(new double[] {a * b, a * a * b}, new double[] {a, b});
  }

  static ArrayResultVjpRuleCallersDerivatives.StretchGrad stretchBwd(double[] res, double[] g) {
    double a = res[0];
    double b = res[1];
    return new ArrayResultVjpRuleCallersDerivatives.StretchGrad(2 * b * g[0] + 2 * a * b * g[1],
        a * g[0] + a * a * g[1]);
  }

  /** s₀·s₁ + 3s₀ for s = stretch(x·y, sin x). */
  @Differentiable(order = 2)
  static double caller(double x, double y) {
    double[] s = stretch(x * y, Math.sin(x));
    return s[0] * s[1] + 3 * s[0];
  }
}

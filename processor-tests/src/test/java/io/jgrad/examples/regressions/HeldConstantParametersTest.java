package io.jgrad.examples.regressions;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.runtime.GradCheck;
import org.junit.jupiter.api.Test;

/** Regression: held-constant parameters assigned differentiated values (see {@link HeldConstantParameters}). */
class HeldConstantParametersTest {
  @Test
  void parameterOutsideWrt() {
    double y = 0.8;
    GradCheck.of(p -> HeldConstantParameters.outsideWrt(p[0], y),
        (p, t) -> HeldConstantParametersDerivatives.outsideWrtJvp(p[0], y, t[0]).tangent(),
        (p, c) -> new double[] {HeldConstantParametersDerivatives.outsideWrtVjp(p[0], y).pullback(c)})
        .tolerance(1e-6).assertValidAt(0.3);
  }

  @Test
  void nonDiffParameter() {
    double s = -1.3;
    GradCheck.of(p -> HeldConstantParameters.nonDiff(p[0], s),
        (p, t) -> HeldConstantParametersDerivatives.nonDiffJvp(p[0], s, t[0]).tangent(),
        (p, c) -> new double[] {HeldConstantParametersDerivatives.nonDiffVjp(p[0], s).pullback(c)})
        .tolerance(1e-6).assertValidAt(0.7);
  }

  @Test
  void reassignedParameterAtOrderTwo() {
    double x = 0.3;
    double y = -0.6;
    double h = 1e-6;
    double[][] hessian = HeldConstantParametersDerivatives.fuzzSeed1F0Hessian(x, y);
    for (int i = 0; i < 2; i++) {
      double[] plus = grad(x + (i == 0 ? h : 0), y + (i == 1 ? h : 0));
      double[] minus = grad(x - (i == 0 ? h : 0), y - (i == 1 ? h : 0));
      for (int j = 0; j < 2; j++) {
        double fd = (plus[j] - minus[j]) / (2 * h);
        assertThat(hessian[i][j]).isWithin(1e-6 * (1 + Math.abs(fd))).of(fd);
      }
    }
  }

  private static double[] grad(double x, double y) {
    var g = HeldConstantParametersDerivatives.fuzzSeed1F0Grad(x, y);
    return new double[] {g.x(), g.y()};
  }
}

package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Callers of order 2 of {@code @CustomVjp} rules with a record result inside a branch, against
 * JAX's semantics: the branch taken is differentiated, the rule's {@code bwd} as written (so
 * {@code toPoint}'s doubled y derivative enters twice). Where the rule is the true derivative, the
 * Hessian is also the central differences of the generated gradient.
 */
class RecordResultRuleBranchesTest {
  private static final double H = 1e-6;

  @Test
  void productDifferentiatesTheRulesBackwardPassInTheBranchTaken() {
    double r = 1.3;
    double t = 0.6;
    double c = Math.cos(t);
    double s = Math.sin(t);
    // r > 0: F = XY + X with (X, Y) = toPoint(r, t): cotangent (Y + 1, X), so
    // grad_r = (Y + 1) c + 2Xs and grad_t = -(Y + 1) r s + 2Xrc, where the rule gives
    // dX = (c, -rs) and dY = 2·(s, rc).
    double[][] h = RecordResultRuleBranchesDerivatives.productHessian(r, t);
    assertThat(h[0][0]).isWithin(1e-12).of(4 * s * c);
    assertThat(h[0][1]).isWithin(1e-12).of(4 * r * c * c - 3 * r * s * s - s);
    assertThat(h[1][0]).isWithin(1e-12).of(4 * r * c * c - 3 * r * s * s - s);
    assertThat(h[1][1]).isWithin(1e-12).of(-7 * r * r * s * c - r * c);
    RecordResultRuleBranchesDerivatives.ProductGrad g =
        RecordResultRuleBranchesDerivatives.productGrad(r, t);
    double x = r * c;
    double y = r * s;
    assertThat(g.r()).isWithin(1e-12).of((y + 1) * c + 2 * x * s);
    assertThat(g.t()).isWithin(1e-12).of(-(y + 1) * r * s + 2 * x * r * c);
    // r <= 0: F = rt, the rule not called.
    double[][] other = RecordResultRuleBranchesDerivatives.productHessian(-r, t);
    assertThat(other[0][0]).isWithin(1e-12).of(0.0);
    assertThat(other[0][1]).isWithin(1e-12).of(1.0);
    assertThat(other[1][0]).isWithin(1e-12).of(1.0);
    assertThat(other[1][1]).isWithin(1e-12).of(0.0);
  }

  @Test
  void wavesThroughATrueRuleHaveTheHessianOfTheBranchTaken() {
    // t > 0: F = sin(r²)·rt.
    double r = 0.9;
    double t = 1.2;
    double u = r * r;
    double[][] h = RecordResultRuleBranchesDerivatives.wavesHessian(r, t);
    assertThat(h[0][0]).isWithin(1e-12)
        .of(6 * r * t * Math.cos(u) - 4 * r * r * r * t * Math.sin(u));
    assertThat(h[0][1]).isWithin(1e-12).of(2 * u * Math.cos(u) + Math.sin(u));
    assertThat(h[1][0]).isWithin(1e-12).of(2 * u * Math.cos(u) + Math.sin(u));
    assertThat(h[1][1]).isWithin(1e-12).of(0.0);
    assertCentralDifferences(r, t, h);
    // t <= 0: F = t³·r + r² (two calls in the branch).
    double tn = -0.7;
    double[][] e = RecordResultRuleBranchesDerivatives.wavesHessian(r, tn);
    assertThat(e[0][0]).isWithin(1e-12).of(2.0);
    assertThat(e[0][1]).isWithin(1e-12).of(3 * tn * tn);
    assertThat(e[1][0]).isWithin(1e-12).of(3 * tn * tn);
    assertThat(e[1][1]).isWithin(1e-12).of(6 * tn * r);
    assertCentralDifferences(r, tn, e);
  }

  private static void assertCentralDifferences(double r, double t, double[][] h) {
    double[] at = {r, t};
    for (int j = 0; j < 2; j++) {
      double[] plus = at.clone();
      double[] minus = at.clone();
      plus[j] += H;
      minus[j] -= H;
      RecordResultRuleBranchesDerivatives.WavesGrad gp =
          RecordResultRuleBranchesDerivatives.wavesGrad(plus[0], plus[1]);
      RecordResultRuleBranchesDerivatives.WavesGrad gm =
          RecordResultRuleBranchesDerivatives.wavesGrad(minus[0], minus[1]);
      assertThat(h[0][j]).isWithin(1e-6).of((gp.r() - gm.r()) / (2 * H));
      assertThat(h[1][j]).isWithin(1e-6).of((gp.t() - gm.t()) / (2 * H));
    }
  }
}

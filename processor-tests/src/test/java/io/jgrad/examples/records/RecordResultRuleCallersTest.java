package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Callers of order 2 of {@code @CustomVjp} rules with a record result, against JAX's semantics: the
 * caller's gradient is the rule's {@code bwd} at the record cotangent the caller's code gives, and
 * its Hessian differentiates that as written, the result's leaves differentiated through the rule
 * again (so {@code toPoint}'s doubled y derivative enters twice). Where the rule is the true
 * derivative, the Hessian is also the central differences of the generated gradient.
 */
class RecordResultRuleCallersTest {
  private static final double H = 1e-6;

  @Test
  void productDifferentiatesTheRulesBackwardPassAsWritten() {
    double r = 1.3;
    double t = 0.6;
    double c = Math.cos(t);
    double s = Math.sin(t);
    // F = XY + X with (X, Y) = toPoint(r, t): cotangent (Y + 1, X), so grad_r = (Y + 1) c + 2Xs and
    // grad_t = -(Y + 1) r s + 2Xrc, where the rule gives dX = (c, -rs) and dY = 2·(s, rc).
    double[][] h = RecordResultRuleCallersDerivatives.productHessian(r, t);
    assertThat(h[0][0]).isWithin(1e-12).of(4 * s * c);
    assertThat(h[0][1]).isWithin(1e-12).of(4 * r * c * c - 3 * r * s * s - s);
    assertThat(h[1][0]).isWithin(1e-12).of(4 * r * c * c - 3 * r * s * s - s);
    assertThat(h[1][1]).isWithin(1e-12).of(-7 * r * r * s * c - r * c);
    RecordResultRuleCallersDerivatives.ProductGrad g = RecordResultRuleCallersDerivatives.productGrad(r, t);
    double x = r * c;
    double y = r * s;
    assertThat(g.r()).isWithin(1e-12).of((y + 1) * c + 2 * x * s);
    assertThat(g.t()).isWithin(1e-12).of(-(y + 1) * r * s + 2 * x * r * c);
  }

  @Test
  void waveThroughATrueRuleHasTheHessianOfItsFunction() {
    double r = 0.9;
    double t = -1.2;
    double u = r * r;
    // F = sin(r²)·rt.
    double[][] h = RecordResultRuleCallersDerivatives.waveHessian(r, t);
    assertThat(h[0][0]).isWithin(1e-12).of(6 * r * t * Math.cos(u) - 4 * r * r * r * t * Math.sin(u));
    assertThat(h[0][1]).isWithin(1e-12).of(2 * u * Math.cos(u) + Math.sin(u));
    assertThat(h[1][0]).isWithin(1e-12).of(2 * u * Math.cos(u) + Math.sin(u));
    assertThat(h[1][1]).isWithin(1e-12).of(0.0);
    double[] at = {r, t};
    for (int j = 0; j < 2; j++) {
      double[] plus = at.clone();
      double[] minus = at.clone();
      plus[j] += H;
      minus[j] -= H;
      RecordResultRuleCallersDerivatives.WaveGrad gp = RecordResultRuleCallersDerivatives.waveGrad(plus[0], plus[1]);
      RecordResultRuleCallersDerivatives.WaveGrad gm = RecordResultRuleCallersDerivatives.waveGrad(minus[0],
          minus[1]);
      assertThat(h[0][j]).isWithin(1e-6).of((gp.r() - gm.r()) / (2 * H));
      assertThat(h[1][j]).isWithin(1e-6).of((gp.t() - gm.t()) / (2 * H));
    }
  }
}

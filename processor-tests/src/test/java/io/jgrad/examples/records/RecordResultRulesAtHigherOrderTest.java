package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.records.RecordResultRulesAtHigherOrder.Point;
import io.jgrad.examples.records.RecordResultRulesAtHigherOrder.Polar;
import org.junit.jupiter.api.Test;

/**
 * Custom rules with a record result at order 2 and 3 ({@code fDerivative}), against closed forms of
 * JAX's semantics (the rule's tangent differentiated as written) and, where the rule is the true
 * derivative, central differences of the order below.
 */
class RecordResultRulesAtHigherOrderTest {
  private static final double H = 1e-5;

  @Test
  void skewedDifferentiatesItsRulesTangentAsWritten() {
    double x = 0.7;
    // Tangent (2ẋ, 3x²ẋ) along u, differentiated along w: (0, 6x·u·w), not x²'s own (0, 2u·w).
    Point d2 = RecordResultRulesAtHigherOrderDerivatives.skewedDerivative(x, 0.5, -2.0);
    assertThat(d2.x()).isWithin(1e-12).of(0.0);
    assertThat(d2.y()).isWithin(1e-12).of(6 * x * 0.5 * -2.0);
  }

  @Test
  void toPointToOrderThreeHasItsClosedForm() {
    Polar p = new Polar(1.3, 0.6);
    Polar u = new Polar(0.4, -0.7);
    Polar v = new Polar(-1.1, 0.3);
    Polar w = new Polar(0.8, 1.5);
    Point d3 = RecordResultRulesAtHigherOrderDerivatives.toPointDerivative(p, u, v, w);
    // x = r cos t: ∂t³x = r sin t, ∂r∂t²x = -cos t, and x is linear in r; y = r sin t likewise.
    double ttt = u.t() * v.t() * w.t();
    double rtt = u.r() * v.t() * w.t() + u.t() * v.r() * w.t() + u.t() * v.t() * w.r();
    assertThat(d3.x()).isWithin(1e-12).of(p.r() * Math.sin(p.t()) * ttt - Math.cos(p.t()) * rtt);
    assertThat(d3.y()).isWithin(1e-12).of(-p.r() * Math.cos(p.t()) * ttt - Math.sin(p.t()) * rtt);
  }

  @Test
  void toPointsThirdDerivativeIsSymmetricInItsDirections() {
    // The rule is toPoint's true derivative, whose third derivatives are symmetric.
    Polar p = new Polar(1.3, 0.6);
    Polar u = new Polar(0.4, -0.7);
    Polar v = new Polar(-1.1, 0.3);
    Polar w = new Polar(0.8, 1.5);
    Point uvw = RecordResultRulesAtHigherOrderDerivatives.toPointDerivative(p, u, v, w);
    Point wuv = RecordResultRulesAtHigherOrderDerivatives.toPointDerivative(p, w, u, v);
    assertThat(wuv.x()).isWithin(1e-12).of(uvw.x());
    assertThat(wuv.y()).isWithin(1e-12).of(uvw.y());
  }
}

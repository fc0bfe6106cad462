package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.records.RecordResultsReachingRules.Point;
import org.junit.jupiter.api.Test;

/**
 * Plain functions of order 2 with a record result that reach {@code @CustomVjp} rules, against
 * JAX's semantics: {@code fDerivative}'s leaf k is Σᵢⱼ uᵢ·H_k[i][j]·wⱼ, H_k[i][j] the derivative
 * along j of gradient component i of leaf k, the rule's {@code bwd} differentiated as written and
 * the rule's value differentiated through the rule again. Where the rule is the true derivative it
 * is also the central differences of the generated pullback.
 */
class RecordResultsReachingRulesTest {
  private static final double H = 1e-6;

  @Test
  void pairDifferentiatesTheRulesBackwardPassAsWritten() {
    double a = 0.8;
    double b = -1.3;
    double u1 = 0.4;
    double u2 = -0.7;
    double w1 = 1.1;
    double w2 = 0.6;
    // S = skew(a, b) with S_a = b, S_b = 2a (the rule). Leaf x: F = S·a, gradient
    // (ab + S, 2a²), H = [[b + S_a, a + S_b], [4a, 0]] = [[2b, 3a], [4a, 0]] (not symmetric).
    // Leaf y: F = b + S(b, b), gradient (0, 1 + b + 2b), H = [[0, 0], [0, 3]].
    Point d2 = RecordResultsReachingRulesDerivatives.pairDerivative(a, b, u1, u2, w1, w2);
    assertThat(d2.x()).isWithin(1e-12).of(u1 * (2 * b * w1 + 3 * a * w2) + u2 * 4 * a * w1);
    assertThat(d2.y()).isWithin(1e-12).of(u2 * 3 * w2);
  }

  @Test
  void waveThroughATrueRuleHasTheSecondDerivativesOfItsFunction() {
    double r = 0.9;
    double t = -0.4;
    double u1 = 0.3;
    double u2 = 1.2;
    double w1 = -0.8;
    double w2 = 0.5;
    double s = Math.sin(t);
    double c = Math.cos(t);
    // Leaf x: r sin t, H = [[0, cos t], [cos t, -r sin t]]; leaf y: r² sin t,
    // H = [[2 sin t, 2r cos t], [2r cos t, -r² sin t]].
    Point d2 = RecordResultsReachingRulesDerivatives.waveDerivative(r, t, u1, u2, w1, w2);
    assertThat(d2.x()).isWithin(1e-12).of(u1 * c * w2 + u2 * (c * w1 - r * s * w2));
    assertThat(d2.y()).isWithin(1e-12)
        .of(u1 * (2 * s * w1 + 2 * r * c * w2) + u2 * (2 * r * c * w1 - r * r * s * w2));
    // The same from central differences of the generated pullback along w.
    for (Point g : new Point[] {new Point(1, 0), new Point(0, 1)}) {
      RecordResultsReachingRulesDerivatives.WaveGrad plus =
          RecordResultsReachingRulesDerivatives.waveVjp(r + H * w1, t + H * w2).pullback(g);
      RecordResultsReachingRulesDerivatives.WaveGrad minus =
          RecordResultsReachingRulesDerivatives.waveVjp(r - H * w1, t - H * w2).pullback(g);
      double fd = (u1 * (plus.r() - minus.r()) + u2 * (plus.t() - minus.t())) / (2 * H);
      assertThat(g.x() == 1 ? d2.x() : d2.y()).isWithin(1e-6).of(fd);
    }
  }

  @Test
  void turnedTakesARecordParameter() {
    Point p = new Point(0.7, -1.1);
    Point u = new Point(0.5, 0.9);
    Point w = new Point(-0.4, 1.3);
    double x = p.x();
    double y = p.y();
    // Leaf x: sin(x)·y, H = [[-sin(x)·y, cos x], [cos x, 0]]; leaf y: x·y, H = [[0, 1], [1, 0]].
    Point d2 = RecordResultsReachingRulesDerivatives.turnedDerivative(p, u, w);
    assertThat(d2.x()).isWithin(1e-12)
        .of(u.x() * (-Math.sin(x) * y * w.x() + Math.cos(x) * w.y()) + u.y() * Math.cos(x) * w.x());
    assertThat(d2.y()).isWithin(1e-12).of(u.x() * w.y() + u.y() * w.x());
  }
}

package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.records.RecordRuleLoops.Point;
import org.junit.jupiter.api.Test;

/**
 * {@code @CustomVjp} rules with a record result called in a loop or with a local array at order 2,
 * against JAX's semantics: {@code bwd} differentiated as written, the call's leaves through the rule
 * again. Checked against closed forms, against the straight-line twins (a path of its own), and, for
 * the true rule, against central differences of the generated gradient.
 */
class RecordRuleLoopsTest {
  private static final double H = 1e-6;
  private static final double X = 0.7;
  private static final double Y = -1.3;

  @Test
  void storedInALocalArrayHasTheClosedFormOfTheRuleDifferentiatedAsWritten() {
    // f = Qx·sin(Qy), Q = mix(x, y); the rule's Jacobian [[2y, x], [1, 1]], not Q's.
    double qx = X * Y;
    double qy = X + Y;
    double c = Math.cos(qy);
    double s = Math.sin(qy);
    RecordRuleLoopsDerivatives.StoredGrad g = RecordRuleLoopsDerivatives.storedGrad(X, Y);
    assertThat(g.x()).isWithin(1e-12).of(2 * Y * s + qx * c);
    assertThat(g.y()).isWithin(1e-12).of(X * s + qx * c);
    double[][] expected = {
        {4 * Y * c - qx * s, 2 * s + 2 * Y * c + X * c - qx * s},
        {s + X * c + 2 * Y * c - qx * s, 2 * X * c - qx * s}};
    assertMatrix(RecordRuleLoopsDerivatives.storedHessian(X, Y), expected, 1e-12);
  }

  @Test
  void loopedHasTheDerivativesOfItsUnrolledTwin() {
    RecordRuleLoopsDerivatives.LoopedGrad g = RecordRuleLoopsDerivatives.loopedGrad(X, Y);
    RecordRuleLoopsDerivatives.UnrolledGrad u = RecordRuleLoopsDerivatives.unrolledGrad(X, Y);
    assertThat(g.x()).isWithin(1e-12).of(u.x());
    assertThat(g.y()).isWithin(1e-12).of(u.y());
    double[][] h = RecordRuleLoopsDerivatives.loopedHessian(X, Y);
    assertMatrix(h, RecordRuleLoopsDerivatives.unrolledHessian(X, Y), 1e-12);
    // The rule is not a derivative: the Hessian is not symmetric.
    assertThat(Math.abs(h[0][1] - h[1][0])).isGreaterThan(1e-3);
  }

  @Test
  void aLocalTakingTwoCallsRecordsHasTheDerivativesOfItsTwinWithTwoLocals() {
    RecordRuleLoopsDerivatives.ReassignedGrad g = RecordRuleLoopsDerivatives.reassignedGrad(X, Y);
    RecordRuleLoopsDerivatives.UnrolledGrad u = RecordRuleLoopsDerivatives.unrolledGrad(X, Y);
    assertThat(g.x()).isWithin(1e-12).of(u.x());
    assertThat(g.y()).isWithin(1e-12).of(u.y());
    assertMatrix(RecordRuleLoopsDerivatives.reassignedHessian(X, Y), RecordRuleLoopsDerivatives.unrolledHessian(X, Y),
        1e-12);
  }

  @Test
  void aRecordResultReachingTheRuleInALoopHasTheSecondDerivativesOfItsUnrolledTwin() {
    Point u = new Point(-0.6, 0.5);
    Point w = new Point(1.2, -0.3);
    Point looped = RecordRuleLoopsDerivatives.loopedPointDerivative(X, Y, u.x(), u.y(), w.x(), w.y());
    Point unrolled = RecordRuleLoopsDerivatives.unrolledPointDerivative(X, Y, u.x(), u.y(), w.x(), w.y());
    assertThat(looped.x()).isWithin(1e-12).of(unrolled.x());
    assertThat(looped.y()).isWithin(1e-12).of(unrolled.y());
    // Leaf x is looped itself: uᵀ·H·w with H its Hessian, the rule differentiated as written.
    double[][] h = RecordRuleLoopsDerivatives.loopedHessian(X, Y);
    assertThat(looped.x()).isWithin(1e-12).of(u.x() * (h[0][0] * w.x() + h[0][1] * w.y())
        + u.y() * (h[1][0] * w.x() + h[1][1] * w.y()));
  }

  @Test
  void loopedThroughTheTrueRuleHasTheDifferencesOfItsGradient() {
    for (int n = 0; n <= 3; n++) {
      double[][] h = RecordRuleLoopsDerivatives.loopedTrueHessian(X, Y, n);
      double[][] fd = new double[2][2];
      for (int j = 0; j < 2; j++) {
        double dx = j == 0 ? H : 0;
        double dy = j == 1 ? H : 0;
        RecordRuleLoopsDerivatives.LoopedTrueGrad plus = RecordRuleLoopsDerivatives.loopedTrueGrad(X + dx, Y + dy, n);
        RecordRuleLoopsDerivatives.LoopedTrueGrad minus =
            RecordRuleLoopsDerivatives.loopedTrueGrad(X - dx, Y - dy, n);
        fd[0][j] = (plus.x() - minus.x()) / (2 * H);
        fd[1][j] = (plus.y() - minus.y()) / (2 * H);
      }
      assertMatrix(h, fd, 1e-6);
    }
  }

  private static void assertMatrix(double[][] actual, double[][] expected, double tolerance) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertThat(actual[i][j]).isWithin(tolerance).of(expected[i][j]);
      }
    }
  }
}

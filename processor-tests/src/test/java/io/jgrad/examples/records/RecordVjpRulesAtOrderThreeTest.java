package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.records.RecordVjpRulesAtOrderThree.Angle;
import io.jgrad.examples.records.RecordVjpRulesAtOrderThree.Point;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code @CustomVjp} rules on records, and record functions reaching one, at order 3 and 4, against
 * JAX's semantics ({@code jacrev} applied n times, {@code bwd} differentiated as written): closed
 * forms of Dⁿf[v₁, ..., vₙ] with direction 1 the innermost derivative, and central differences of
 * the second derivative D²f[u, v] = u·(H·v) from {@code fHvp} along the third direction. {@code tilt}'s
 * rule is not its derivative, so its derivatives are not symmetric and a mixed-up direction order
 * fails.
 */
class RecordVjpRulesAtOrderThreeTest {
  private static final double H = 1e-5;
  private static final Point P = new Point(0.7, -1.3);
  private static final Point U = new Point(-0.6, 0.5);
  private static final Point V = new Point(1.2, -0.3);
  private static final Point W = new Point(0.4, 1.9);

  @Test
  void tiltsThirdDerivativeIsItsRuleDifferentiatedTwiceAsWritten() {
    double x = P.x();
    double y = P.y();
    // bwd's gradient G = (cos x·y², sin x); T[i][j][k] = ∂ₖ∂ⱼGᵢ.
    double[][][] t = new double[2][2][2];
    t[0][0][0] = -Math.cos(x) * y * y;
    t[0][0][1] = -2 * y * Math.sin(x);
    t[0][1][0] = -2 * y * Math.sin(x);
    t[0][1][1] = 2 * Math.cos(x);
    t[1][0][0] = -Math.sin(x);
    double expected = 0;
    double[] u = {U.x(), U.y()};
    double[] v = {V.x(), V.y()};
    double[] w = {W.x(), W.y()};
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        for (int k = 0; k < 2; k++) {
          expected += u[i] * v[j] * w[k] * t[i][j][k];
        }
      }
    }
    assertThat(RecordVjpRulesAtOrderThreeDerivatives.tiltDerivative(P, U, V, W)).isWithin(1e-12).of(expected);
    // Directions swapped give another number: the rule is not symmetric.
    assertThat(Math.abs(RecordVjpRulesAtOrderThreeDerivatives.tiltDerivative(P, V, U, W) - expected))
        .isGreaterThan(1e-3);
    double fd = alongThird(q -> dot(U, RecordVjpRulesAtOrderThreeDerivatives.tiltHvp(q, V)), W);
    assertThat(RecordVjpRulesAtOrderThreeDerivatives.tiltDerivative(P, U, V, W)).isWithin(1e-6).of(fd);
  }

  @Test
  void tiltsHessianAtOrderThreeIsItsRuleDifferentiatedOnce() {
    double x = P.x();
    double y = P.y();
    double[][] h = RecordVjpRulesAtOrderThreeDerivatives.tiltHessian(P);
    assertThat(h[0][0]).isWithin(1e-12).of(-Math.sin(x) * y * y);
    assertThat(h[0][1]).isWithin(1e-12).of(2 * y * Math.cos(x));
    assertThat(h[1][0]).isWithin(1e-12).of(Math.cos(x));
    assertThat(h[1][1]).isWithin(1e-12).of(0.0);
  }

  @Test
  void reachesThirdDerivativeGoesThroughTheRuleAtEveryOrder() {
    double s = P.x() * P.y();
    // sine' = 2 cos (the rule), so sine'' = -2 sin and sine''' = -2 cos; x·y² adds 2 per (x, y, y).
    double expected = -2 * Math.cos(s) * ds(U) * ds(V) * ds(W)
        - 2 * Math.sin(s) * (d2s(U, V) * ds(W) + d2s(U, W) * ds(V) + d2s(V, W) * ds(U))
        + 2 * (U.x() * V.y() * W.y() + U.y() * V.x() * W.y() + U.y() * V.y() * W.x());
    assertThat(RecordVjpRulesAtOrderThreeDerivatives.reachesDerivative(P, U, V, W)).isWithin(1e-12).of(expected);
    double fd = alongThird(q -> dot(U, RecordVjpRulesAtOrderThreeDerivatives.reachesHvp(q, V)), W);
    assertThat(RecordVjpRulesAtOrderThreeDerivatives.reachesDerivative(P, U, V, W)).isWithin(1e-6).of(fd);
  }

  @Test
  void reachesFourthDerivativeGoesThroughTheRuleAtEveryOrder() {
    double t = 0.8;
    double s = t * t;
    // d⁴/dt⁴ sine(t²) = 12·sine'' + 48t²·sine''' + 16t⁴·sine'''', sine' = 2 cos by the rule.
    double d4 = 12 * (-2 * Math.sin(s)) + 48 * s * (-2 * Math.cos(s)) + 16 * s * s * (2 * Math.sin(s));
    Angle a = new Angle(t);
    double expected = 0.5 * -1.5 * 2.0 * 0.3 * d4;
    assertThat(RecordVjpRulesAtOrderThreeDerivatives.reachesFourDerivative(a, new Angle(0.5), new Angle(-1.5),
        new Angle(2.0), new Angle(0.3))).isWithin(1e-10).of(expected);
  }

  @Test
  void throughTiltsThirdDerivativeIsTheDifferenceOfItsHvpAlongTheThirdDirection() {
    double k = 1.4;
    double kU = 0.3;
    double kV = -0.7;
    double kW = 0.9;
    ToDoubleFunction<double[]> second = q -> {
      RecordVjpRulesAtOrderThreeDerivatives.ThroughTiltGrad hv = RecordVjpRulesAtOrderThreeDerivatives
          .throughTiltHvp(new Point(q[0], q[1]), q[2], V, kV);
      return dot(U, hv.p()) + kU * hv.k();
    };
    double[] at = {P.x(), P.y(), k};
    double[] along = {W.x(), W.y(), kW};
    double fd = (second.applyAsDouble(shifted(at, along, H)) - second.applyAsDouble(shifted(at, along, -H))) / (2 * H);
    double d3 = RecordVjpRulesAtOrderThreeDerivatives.throughTiltDerivative(P, k, U, kU, V, kV, W, kW);
    assertThat(d3).isWithin(1e-6).of(fd);
    // The first two directions swapped: another number, as tilt's rule is not symmetric.
    double swapped = RecordVjpRulesAtOrderThreeDerivatives.throughTiltDerivative(P, k, V, kV, U, kU, W, kW);
    assertThat(Math.abs(swapped - d3)).isGreaterThan(1e-3);
  }

  @Test
  void tiltsHvpReadInABodyIsDifferentiatedThroughItsThirdDerivatives() {
    // hvpRead = H[y][x]·y = cos x·y by tilt's rule: gradient (-sin x·y, cos x).
    Point g = RecordVjpRulesAtOrderThreeDerivatives.hvpReadGrad(P);
    assertThat(g.x()).isWithin(1e-12).of(-Math.sin(P.x()) * P.y());
    assertThat(g.y()).isWithin(1e-12).of(Math.cos(P.x()));
  }

  /** D(x·y)[u]. */
  private static double ds(Point u) {
    return u.x() * P.y() + P.x() * u.y();
  }

  /** D²(x·y)[u, v]. */
  private static double d2s(Point u, Point v) {
    return u.x() * v.y() + u.y() * v.x();
  }

  private static double dot(Point a, Point b) {
    return a.x() * b.x() + a.y() * b.y();
  }

  /** The central difference of {@code f} at P along {@code w}. */
  private static double alongThird(ToDoubleFunction<Point> f, Point w) {
    Point plus = new Point(P.x() + H * w.x(), P.y() + H * w.y());
    Point minus = new Point(P.x() - H * w.x(), P.y() - H * w.y());
    return (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * H);
  }

  private static double[] shifted(double[] at, double[] along, double h) {
    double[] out = new double[at.length];
    for (int i = 0; i < at.length; i++) {
      out[i] = at[i] + h * along[i];
    }
    return out;
  }
}

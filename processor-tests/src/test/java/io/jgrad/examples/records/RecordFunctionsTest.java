package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.records.RecordFunctions.Labeled;
import io.jgrad.examples.records.RecordFunctions.Point;
import io.jgrad.examples.records.RecordFunctions.Polar;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Records as parameters, locals and results: forward mode, reverse mode and central finite
 * differences agree, and the tangent and gradient of a record are records of its type.
 */
class RecordFunctionsTest {
  private static final double H = 1e-6;
  private static final double TOL = 1e-7;

  /** Central difference of {@code f} along a direction given as a function of the step. */
  private static double fd(ToDoubleFunction<Double> f) {
    return (f.applyAsDouble(H) - f.applyAsDouble(-H)) / (2 * H);
  }

  @Test
  void recordParameter() {
    Point p = new Point(0.7, -1.3);
    assertThat(RecordFunctionsDerivatives.norm2Grad(p)).isEqualTo(new Point(2 * 0.7, 2 * -1.3));
    assertThat(RecordFunctionsDerivatives.norm2Jvp(p, new Point(1, 2)).tangent()).isWithin(TOL).of(2 * 0.7 - 4 * 1.3);
    assertThat(RecordFunctionsDerivatives.norm2ValueAndGrad(p).value()).isWithin(TOL).of(RecordFunctions.norm2(p));
    assertThat(RecordFunctionsDerivatives.norm2Vjp(p).pullback(3).x()).isWithin(TOL).of(3 * 2 * 0.7);
  }

  @Test
  void recordResultInForwardAndReverse() {
    Point p = new Point(0.7, -1.3);
    double t = 0.4;
    Point pDot = new Point(0.3, -0.2);
    double tDot = 0.9;
    var jvp = RecordFunctionsDerivatives.rotateJvp(p, t, pDot, tDot);
    assertThat(jvp.value()).isEqualTo(RecordFunctions.rotate(p, t));
    ToDoubleFunction<Double> alongX = s -> RecordFunctions.rotate(
        new Point(p.x() + s * pDot.x(), p.y() + s * pDot.y()), t + s * tDot).x();
    ToDoubleFunction<Double> alongY = s -> RecordFunctions.rotate(
        new Point(p.x() + s * pDot.x(), p.y() + s * pDot.y()), t + s * tDot).y();
    assertThat(jvp.tangent().x()).isWithin(TOL).of(fd(alongX));
    assertThat(jvp.tangent().y()).isWithin(TOL).of(fd(alongY));

    // Reverse mode is the transpose: <J t, c> = <t, J^T c> for a record cotangent c.
    Point c = new Point(-0.6, 1.1);
    var vjp = RecordFunctionsDerivatives.rotateVjp(p, t);
    assertThat(vjp.value()).isEqualTo(RecordFunctions.rotate(p, t));
    var g = vjp.pullback(c);
    double lhs = jvp.tangent().x() * c.x() + jvp.tangent().y() * c.y();
    double rhs = g.p().x() * pDot.x() + g.p().y() * pDot.y() + g.t() * tDot;
    assertThat(rhs).isWithin(TOL).of(lhs);

    Point q = new Point(1, 2);
    var polar = RecordFunctionsDerivatives.toPolarVjp(q);
    assertThat(polar.value()).isEqualTo(RecordFunctions.toPolar(q));
    double r = Math.sqrt(5);
    assertThat(polar.pullback(new Polar(1, 0))).isEqualTo(RecordFunctionsDerivatives.toPolarVjp(q).pullback(new Polar(1, 0)));
    Point dr = polar.pullback(new Polar(1, 0));
    assertThat(dr.x()).isWithin(TOL).of(1 / r);
    assertThat(dr.y()).isWithin(TOL).of(2 / r);
    Point dtheta = polar.pullback(new Polar(0, 1));
    assertThat(dtheta.x()).isWithin(TOL).of(-2 / 5.0);
    assertThat(dtheta.y()).isWithin(TOL).of(1 / 5.0);
    assertThat(RecordFunctionsDerivatives.toPolarJvp(q, new Point(0, 1)).tangent().theta()).isWithin(TOL).of(1 / 5.0);
  }

  @Test
  void callsBetweenRecordFunctions() {
    Point p = new Point(0.7, -1.3);
    double t = 0.4;
    var g = RecordFunctionsDerivatives.useRotateGrad(p, t);
    assertThat(g.p().x()).isWithin(TOL).of(fd(s -> RecordFunctions.useRotate(new Point(p.x() + s, p.y()), t)));
    assertThat(g.p().y()).isWithin(TOL).of(fd(s -> RecordFunctions.useRotate(new Point(p.x(), p.y() + s), t)));
    assertThat(g.t()).isWithin(TOL).of(fd(s -> RecordFunctions.useRotate(p, t + s)));
    assertThat(RecordFunctionsDerivatives.useRotateJvp(p, t, new Point(0, 0), 1).tangent()).isWithin(TOL).of(g.t());
  }

  @Test
  void nonDifferentiableComponentsStayAsTheyAre() {
    Labeled l = new Labeled(new Point(0.5, 1.5), 3, "a");
    double k = 2;
    var g = RecordFunctionsDerivatives.scaledGrad(l, k);
    assertThat(g.l().n()).isEqualTo(3);
    assertThat(g.l().label()).isEqualTo("a");
    assertThat(g.l().p().x()).isWithin(TOL).of(3 * k);
    assertThat(g.l().p().y()).isWithin(TOL).of(Math.cos(1.5) * k);
    assertThat(g.k()).isWithin(TOL).of(3 * 0.5 + Math.sin(1.5));
    Labeled lDot = new Labeled(new Point(1, 0), 99, "ignored");
    assertThat(RecordFunctionsDerivatives.scaledJvp(l, k, lDot, 0).tangent()).isWithin(TOL).of(3 * k);
  }

  @Test
  void recordLocalsReassignedInLoopsAndBranches() {
    for (int n = 0; n <= 5; n++) {
      Point p = new Point(0.9, 1.7);
      int trips = n;
      Point g = RecordFunctionsDerivatives.loopGrad(p, n);
      assertThat(g.x()).isWithin(1e-6).of(fd(s -> RecordFunctions.loop(new Point(p.x() + s, p.y()), trips)));
      assertThat(g.y()).isWithin(1e-6).of(fd(s -> RecordFunctions.loop(new Point(p.x(), p.y() + s), trips)));
      assertThat(RecordFunctionsDerivatives.loopJvp(p, n, new Point(0, 1)).tangent()).isWithin(1e-9).of(g.y());
    }
  }

  @Test
  void conditionalBetweenRecords() {
    Point a = new Point(2, 3);
    Point b = new Point(0.5, 1);
    var g = RecordFunctionsDerivatives.largerGrad(a, b);
    // a is larger: f = a.x * a.y
    assertThat(g.a()).isEqualTo(new Point(3, 2));
    assertThat(g.b()).isEqualTo(new Point(0, 0));
    var h = RecordFunctionsDerivatives.largerGrad(b, a);
    // the second argument (2, 3) is larger: f = second.x * first.y, with first = (0.5, 1)
    assertThat(h.a()).isEqualTo(new Point(0, 2));
    assertThat(h.b()).isEqualTo(new Point(1, 0));
  }

  @Test
  void recordResultWithComponentsWithoutTangents() {
    Labeled l = new Labeled(new Point(0.5, 1.5), 3, "a");
    double k = 2;
    var jvp = RecordFunctionsDerivatives.relabelJvp(l, k, new Labeled(new Point(1, 1), 0, "t"), 1);
    assertThat(jvp.value()).isEqualTo(RecordFunctions.relabel(l, k));
    // x' = k x: tangent x + k; y' = y / k: tangent 1/k - y/k^2; n and label stay as they are
    assertThat(jvp.tangent()).isEqualTo(new Labeled(new Point(0.5 + 2, 0.5 - 1.5 / 4), 4, "a"));
    var g = RecordFunctionsDerivatives.relabelVjp(l, k).pullback(new Labeled(new Point(1, 1), 99, "ignored"));
    assertThat(g.l()).isEqualTo(new Labeled(new Point(2, 0.5), 3, "a"));
    assertThat(g.k()).isWithin(TOL).of(0.5 - 1.5 / 4);
    // useRelabel = (n + 1) k x + y / k
    var u = RecordFunctionsDerivatives.useRelabelGrad(l, k);
    assertThat(u.l().p().x()).isWithin(TOL).of(4 * k);
    assertThat(u.l().p().y()).isWithin(TOL).of(1 / k);
    assertThat(u.k()).isWithin(TOL).of(4 * 0.5 - 1.5 / (k * k));
    assertThat(RecordFunctionsDerivatives.useRelabelJvp(l, k, new Labeled(new Point(0, 0), 0, ""), 1).tangent())
        .isWithin(TOL).of(u.k());
  }
}

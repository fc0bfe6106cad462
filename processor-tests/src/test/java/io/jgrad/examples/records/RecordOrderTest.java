package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.records.RecordOrderExamples.Dict;
import io.jgrad.examples.records.RecordOrderExamples.Pair;
import io.jgrad.examples.records.RecordOrderExamples.Point;
import io.jgrad.examples.records.RecordOrderExamples.Tagged;
import io.jgrad.examples.records.RecordOrderExamples.Vec3;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Records as parameters at order 2 and 3: {@code fHessian} (leaves in declaration order),
 * {@code fHvp} (record directions, the gradient record) and {@code fDerivative} (record directions)
 * against closed forms and central differences of the first derivatives.
 */
class RecordOrderTest {
  private static final double H = 1e-5;

  /** The central difference of {@code f} at 0. */
  private static double slope(DoubleUnaryOperator f) {
    return (f.applyAsDouble(H) - f.applyAsDouble(-H)) / (2 * H);
  }

  private static double tolerance(double expected) {
    return 1e-6 * Math.max(1, Math.abs(expected));
  }

  @Test
  void hessianOfARecordParameterIsItsLeavesSecondPartials() {
    Point p = new Point(0.7, -1.3);
    double x = p.x();
    double y = p.y();
    // f = x²y + sin(xy)
    double s = Math.sin(x * y);
    double[][] expected = {
        {2 * y - y * y * s, 2 * x + Math.cos(x * y) - x * y * s},
        {2 * x + Math.cos(x * y) - x * y * s, -x * x * s}};
    double[][] h = RecordOrderExamplesDerivatives.energyHessian(p);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertThat(h[i][j]).isWithin(1e-12).of(expected[i][j]);
      }
    }
    Point v = new Point(0.4, 1.9);
    Point hv = RecordOrderExamplesDerivatives.energyHvp(p, v);
    assertThat(hv.x()).isWithin(1e-12).of(expected[0][0] * v.x() + expected[0][1] * v.y());
    assertThat(hv.y()).isWithin(1e-12).of(expected[1][0] * v.x() + expected[1][1] * v.y());
    Point u = new Point(-0.6, 0.3);
    assertThat(RecordOrderExamplesDerivatives.energyDerivative(p, u, v))
        .isWithin(1e-12).of(u.x() * hv.x() + u.y() * hv.y());
    // H·v is the derivative of the gradient record along v.
    double fdX = slope(e -> RecordOrderExamplesDerivatives.energyGrad(
        new Point(x + e * v.x(), y + e * v.y())).x());
    assertThat(hv.x()).isWithin(tolerance(fdX)).of(fdX);
  }

  @Test
  void threeComponentsAndANumber() {
    Vec3 v = new Vec3(0.5, -0.8, 0.3);
    double k = 1.7;
    double a = v.a();
    double b = v.b();
    double c = v.c();
    double e = Math.exp(c);
    // f = k·abc + a²·eᶜ, leaves in the order a, b, c, k.
    double[][] expected = {
        {2 * e, k * c, k * b + 2 * a * e, b * c},
        {k * c, 0, k * a, a * c},
        {k * b + 2 * a * e, k * a, a * a * e, a * b},
        {b * c, a * c, a * b, 0}};
    double[][] h = RecordOrderExamplesDerivatives.cubicHessian(v, k);
    assertThat(h.length).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(h[i][j]).isWithin(1e-12).of(expected[i][j]);
      }
    }
    double[] dir = {0.2, -1.1, 0.7, 0.4};
    var hv = RecordOrderExamplesDerivatives.cubicHvp(v, k, new Vec3(dir[0], dir[1], dir[2]), dir[3]);
    double[] got = {hv.v().a(), hv.v().b(), hv.v().c(), hv.k()};
    for (int i = 0; i < 4; i++) {
      double row = 0;
      for (int j = 0; j < 4; j++) {
        row += expected[i][j] * dir[j];
      }
      assertThat(got[i]).isWithin(1e-12).of(row);
    }
  }

  @Test
  void callsBetweenRecordFunctionsAgreeWithDifferencesOfTheGradient() {
    Point p = new Point(0.9, 0.4);
    double t = -0.6;
    double[][] h = RecordOrderExamplesDerivatives.useEnergyHessian(p, t);
    // Column j of the Hessian: central differences of the gradient along leaf j.
    double[][] steps = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    for (int j = 0; j < 3; j++) {
      double[] s = steps[j];
      for (int i = 0; i < 3; i++) {
        int row = i;
        double fd = slope(e -> {
          var g = RecordOrderExamplesDerivatives.useEnergyGrad(new Point(p.x() + e * s[0], p.y() + e * s[1]),
              t + e * s[2]);
          return row == 0 ? g.p().x() : row == 1 ? g.p().y() : g.t();
        });
        assertThat(h[i][j]).isWithin(tolerance(fd)).of(fd);
      }
    }
  }

  @Test
  void nestedRecordWithAComponentWithoutTangent() {
    Dict d = new Dict(0.6, new Pair(-0.4, 0.2), 3);
    double a = d.a();
    double b0 = d.b().b0();
    double e = Math.exp(d.b().b1());
    // f = n·a·b0 + e^b1·a over the leaves a, b.b0, b.b1.
    double[][] expected = {{0, 3, e}, {3, 0, 0}, {e, 0, a * e}};
    double[][] h = RecordOrderExamplesDerivatives.nestedHessian(d);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(h[i][j]).isWithin(1e-12).of(expected[i][j]);
      }
    }
    Dict hv = RecordOrderExamplesDerivatives.nestedHvp(d, new Dict(1, new Pair(0, 0), 99));
    assertThat(hv.a()).isWithin(1e-12).of(0);
    assertThat(hv.b().b0()).isWithin(1e-12).of(3);
    assertThat(hv.b().b1()).isWithin(1e-12).of(e);
    assertThat(hv.n()).isEqualTo(3);
    assertThat(b0).isEqualTo(-0.4);
  }

  @Test
  void thirdDerivativesThroughRecordDirections() {
    Point p = new Point(0.8, -0.5);
    double x = p.x();
    double y = p.y();
    Point ex = new Point(1, 0);
    Point ey = new Point(0, 1);
    // f = x³y + cos y: f_xxx = 6y, f_xxy = 6x, f_yyy = sin y.
    assertThat(RecordOrderExamplesDerivatives.cubedDerivative(p, ex, ex, ex)).isWithin(1e-12).of(6 * y);
    assertThat(RecordOrderExamplesDerivatives.cubedDerivative(p, ex, ey, ex)).isWithin(1e-12).of(6 * x);
    assertThat(RecordOrderExamplesDerivatives.cubedDerivative(p, ey, ey, ey)).isWithin(1e-12).of(Math.sin(y));
    // g(p) = f(y, x)·x = y³x² + x cos x; against differences of its Hessian.
    for (Point dir : new Point[] {ex, ey}) {
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          int r = i;
          int c = j;
          double fd = slope(e -> RecordOrderExamplesDerivatives.useCubedHessian(
              new Point(x + e * dir.x(), y + e * dir.y()))[r][c]);
          Point u = r == 0 ? ex : ey;
          Point w = c == 0 ? ex : ey;
          assertThat(RecordOrderExamplesDerivatives.useCubedDerivative(p, u, w, dir)).isWithin(tolerance(fd)).of(fd);
        }
      }
    }
    // g_xxx: 0 from y³x², and (x cos x)''' = -3 cos x + x sin x.
    assertThat(RecordOrderExamplesDerivatives.useCubedDerivative(p, ex, ex, ex))
        .isWithin(1e-12).of(-3 * Math.cos(x) + x * Math.sin(x));
    // g_yyx = 12y·x from y³x².
    assertThat(RecordOrderExamplesDerivatives.useCubedDerivative(p, ey, ey, ex)).isWithin(1e-12).of(12 * y * x);
  }

  @Test
  void aRecordWithACustomRuleAtOrderTwo() {
    Point p = new Point(0.6, -0.8);
    double x = p.x();
    double y = p.y();
    double r = Math.hypot(x, y);
    double r3 = r * r * r;
    // r = √(x² + y²): its Hessian is (I·r² - p·pᵀ) / r³, through the rule calling its primal.
    double[][] expected = {{y * y / r3, -x * y / r3}, {-x * y / r3, x * x / r3}};
    double[][] h = RecordOrderExamplesDerivatives.radiusHessian(p);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertThat(h[i][j]).isWithin(1e-12).of(expected[i][j]);
      }
    }
    // r² = x² + y² through the rule: 2I.
    double[][] h2 = RecordOrderExamplesDerivatives.radiusSquaredHessian(p);
    assertThat(h2[0][0]).isWithin(1e-12).of(2);
    assertThat(h2[0][1]).isWithin(1e-12).of(0);
    assertThat(h2[1][1]).isWithin(1e-12).of(2);
  }

  @Test
  void aRecordResultHasARecordOfDirectionalDerivatives() {
    double t = 0.7;
    Point d3 = RecordOrderExamplesDerivatives.circleDerivative(t, 1, 1, 1);
    // (cos t, t sin t)''' = (sin t, -3 sin t - t cos t)
    assertThat(d3.x()).isWithin(1e-12).of(Math.sin(t));
    assertThat(d3.y()).isWithin(1e-12).of(-3 * Math.sin(t) - t * Math.cos(t));
    Point scaled = RecordOrderExamplesDerivatives.circleDerivative(t, 0.5, -3, 2);
    assertThat(scaled.x()).isWithin(1e-12).of(-3 * d3.x());
  }

  @Test
  void aRecordResultAtOrderThreeAgreesWithDifferencesOfTheOrderBelow() {
    for (Point p : new Point[] {new Point(0.6, -0.9), new Point(-0.4, 1.2)}) {
      double t = 1.3;
      Point u = new Point(0.5, -0.2);
      Point v = new Point(-0.7, 0.4);
      Point w = new Point(0.3, 0.9);
      double uT = 0.8;
      double vT = -0.1;
      double wT = 0.6;
      Tagged third = RecordOrderExamplesDerivatives.warpDerivative(p, t, u, uT, v, vT, w, wT);
      DoubleUnaryOperator secondU = e -> {
        Point q = new Point(p.x() + e * w.x(), p.y() + e * w.y());
        double s = t + e * wT;
        // D²u[(u, uT), (v, vT)] by differences of the first-order tangent.
        return (RecordOrderExamplesDerivatives.warpJvp(new Point(q.x() + H * v.x(), q.y() + H * v.y()), s + H * vT,
            u, uT).tangent().u() - RecordOrderExamplesDerivatives.warpJvp(new Point(q.x() - H * v.x(),
            q.y() - H * v.y()), s - H * vT, u, uT).tangent().u()) / (2 * H);
      };
      double fd = slope(secondU);
      assertThat(third.u()).isWithin(1e-3 * Math.max(1, Math.abs(fd))).of(fd);
      assertThat(third.n()).isEqualTo(p.x() > 0 ? 4 : 5);
      // w = xy·t (x > 0) or -y·t: D³w along three directions is the sum over the permutations.
      double expectedW = p.x() > 0
          ? u.x() * v.y() * wT + u.x() * vT * w.y() + u.y() * v.x() * wT + u.y() * vT * w.x()
              + uT * v.x() * w.y() + uT * v.y() * w.x()
          : 0;
      assertThat(third.w()).isWithin(1e-12).of(expectedW);
    }
  }

  @Test
  void callersOfNumbersReachRecordFunctionsForwardAndReverseOverReverse() {
    for (double t : new double[] {0.6, -1.1}) {
      double fd = slope(e -> RecordOrderExamplesDerivatives.onCurveGrad(t + e));
      assertThat(RecordOrderExamplesDerivatives.onCurveHessian(t)).isWithin(tolerance(fd)).of(fd);
      double s = 0.3;
      double[][] h = RecordOrderExamplesDerivatives.squaredEnergyHessian(t, s);
      double fdTT = slope(e -> RecordOrderExamplesDerivatives.squaredEnergyGrad(t + e, s).t());
      double fdST = slope(e -> RecordOrderExamplesDerivatives.squaredEnergyGrad(t + e, s).s());
      assertThat(h[0][0]).isWithin(tolerance(fdTT)).of(fdTT);
      assertThat(h[1][0]).isWithin(tolerance(fdST)).of(fdST);
    }
  }

  @Test
  void floatLeavesAtOrderTwo() {
    var p = new RecordOrderExamples.FloatPoint(0.5f, -2f);
    // f = x²y: H = [[2y, 2x], [2x, 0]]
    double[][] h = RecordOrderExamplesDerivatives.floatEnergyHessian(p);
    assertThat(h[0][0]).isWithin(1e-6).of(-4);
    assertThat(h[0][1]).isWithin(1e-6).of(1);
    assertThat(h[1][1]).isWithin(1e-6).of(0);
    var hv = RecordOrderExamplesDerivatives.floatEnergyHvp(p, new RecordOrderExamples.FloatPoint(1f, 3f));
    assertThat(hv.x()).isWithin(1e-6f).of(-4f + 3f);
    assertThat(hv.y()).isWithin(1e-6f).of(1f);
  }

  @Test
  void aNullRecordDirectionIsNamed() {
    NullPointerException e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
        () -> RecordOrderExamplesDerivatives.energyHvp(new Point(1, 2), null));
    assertThat(e).hasMessageThat().isEqualTo("v");
  }
}

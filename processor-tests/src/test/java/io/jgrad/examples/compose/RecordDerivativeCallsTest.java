package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Derivatives of functions that call fGrad, fJvp, fVjp and fValueAndGrad of functions with record
 * parameters, against closed forms and central finite differences of the callers themselves (which
 * run the generated first-order code).
 */
class RecordDerivativeCallsTest {
  private static final double H = 1e-5;
  private static final double[][] POINTS = {{0.3, -0.8}, {1.1, 0.5}, {-0.6, 1.7}};

  private static double[] central(DoubleBinaryOperator f, double x, double y) {
    return new double[] {(f.applyAsDouble(x + H, y) - f.applyAsDouble(x - H, y)) / (2 * H),
        (f.applyAsDouble(x, y + H) - f.applyAsDouble(x, y - H)) / (2 * H)};
  }

  private static double tolerance(double expected) {
    return 1e-6 * Math.max(1, Math.abs(expected));
  }

  /** The caller's gradient and JVP against finite differences of the caller. */
  private static void agreesWithFiniteDifferences(DoubleBinaryOperator f, double[] grad, double jvpAlong, double x,
      double y) {
    double[] fd = central(f, x, y);
    assertThat(grad[0]).isWithin(tolerance(fd[0])).of(fd[0]);
    assertThat(grad[1]).isWithin(tolerance(fd[1])).of(fd[1]);
    double along = 0.4 * fd[0] - 1.5 * fd[1];
    assertThat(jvpAlong).isWithin(tolerance(along)).of(along);
  }

  @Test
  void gradientOfTheEnergyAfterAStepOnAPoint() {
    for (double[] q : POINTS) {
      double x = q[0];
      double y = q[1];
      // d/dp E(p - 0.1 ∇E(p)) = (I - 0.1 H(p)) ∇E(p1), H symmetric.
      double c = Math.cos(x * y);
      double s = Math.sin(x * y);
      double gx = 2 * x * y + y * c;
      double gy = x * x + x * c;
      double hxx = 2 * y - y * y * s;
      double hxy = 2 * x + c - x * y * s;
      double hyy = -x * x * s;
      double x1 = x - 0.1 * gx;
      double y1 = y - 0.1 * gy;
      double g1x = 2 * x1 * y1 + y1 * Math.cos(x1 * y1);
      double g1y = x1 * x1 + x1 * Math.cos(x1 * y1);
      RecordDerivativeCallsDerivatives.AfterStepGrad g = RecordDerivativeCallsDerivatives.afterStepGrad(x, y);
      assertThat(g.x()).isWithin(1e-10).of((1 - 0.1 * hxx) * g1x - 0.1 * hxy * g1y);
      assertThat(g.y()).isWithin(1e-10).of(-0.1 * hxy * g1x + (1 - 0.1 * hyy) * g1y);
      agreesWithFiniteDifferences(RecordDerivativeCalls::afterStep, new double[] {g.x(), g.y()},
          RecordDerivativeCallsDerivatives.afterStepJvp(x, y, 0.4, -1.5).tangent(), x, y);
    }
  }

  @Test
  void jvpsAlongRecordDirections() {
    for (double[] q : POINTS) {
      double x = q[0];
      double y = q[1];
      // ∇E(x, y)·(y, 1) times E(y, x).
      double c = Math.cos(x * y);
      double along = (2 * x * y + y * c) * y + x * x + x * c;
      double e = y * y * x + Math.sin(x * y);
      assertThat(RecordDerivativeCalls.alongDirections(x, y)).isWithin(1e-12).of(along * e);
      RecordDerivativeCallsDerivatives.AlongDirectionsGrad g = RecordDerivativeCallsDerivatives.alongDirectionsGrad(x, y);
      agreesWithFiniteDifferences(RecordDerivativeCalls::alongDirections, new double[] {g.x(), g.y()},
          RecordDerivativeCallsDerivatives.alongDirectionsJvp(x, y, 0.4, -1.5).tangent(), x, y);
    }
  }

  @Test
  void gradientRecordsWithRecordNumberAndIntComponents() {
    for (double[] q : POINTS) {
      double x = q[0];
      double t = q[1];
      // mixed(p, t, s) = t px py + n u px + exp(t u) at p = (x, t x), s = (t, 3).
      double px = x;
      double py = t * x;
      double u = t;
      double gpx = t * py + 3 * u;
      double gpy = t * px;
      double gt = px * py + u * Math.exp(t * u);
      double gu = 3 * px + t * Math.exp(t * u);
      double value = t * px * py + 3 * u * px + Math.exp(t * u);
      assertThat(RecordDerivativeCalls.mixedReads(x, t)).isWithin(1e-12)
          .of(gpy * gt + gu + x * gpx + gt * value);
      RecordDerivativeCallsDerivatives.MixedReadsGrad g = RecordDerivativeCallsDerivatives.mixedReadsGrad(x, t);
      agreesWithFiniteDifferences(RecordDerivativeCalls::mixedReads, new double[] {g.x(), g.t()},
          RecordDerivativeCallsDerivatives.mixedReadsJvp(x, t, 0.4, -1.5).tangent(), x, t);
    }
  }

  @Test
  void nestedRecordGradientsReadTwoLevelsDeep() {
    for (double[] q : POINTS) {
      double a = q[0];
      double y = q[1];
      // framed(f) = a px + py² a: ∂/∂a = px + py², ∂/∂py = 2 py a, ∂/∂px = a.
      double px = a * y;
      double expected = 2 * y * a * (px + y * y) + y;
      assertThat(RecordDerivativeCalls.nestedReads(a, y)).isWithin(1e-12).of(expected);
      // d/da = 2y(px + y²) + 2ya·y = 4 a y² + 2 y³; d/dy = 2a(px + y²) + 2ya(a + 2y) + 1.
      RecordDerivativeCallsDerivatives.NestedReadsGrad g = RecordDerivativeCallsDerivatives.nestedReadsGrad(a, y);
      assertThat(g.a()).isWithin(1e-12).of(4 * a * y * y + 2 * y * y * y);
      assertThat(g.y()).isWithin(1e-12).of(2 * a * (px + y * y) + 2 * y * a * (a + 2 * y) + 1);
      agreesWithFiniteDifferences(RecordDerivativeCalls::nestedReads, new double[] {g.a(), g.y()},
          RecordDerivativeCallsDerivatives.nestedReadsJvp(a, y, 0.4, -1.5).tangent(), a, y);
    }
  }

  @Test
  void aRulesTangentDifferentiatedAsWritten() {
    for (double[] q : POINTS) {
      double x = q[0];
      double y = q[1];
      // ∂r/∂x = x / r, of which ∂/∂x = y² / r³ and ∂/∂y = -x y / r³; plus r itself.
      double r = Math.hypot(x, y);
      RecordDerivativeCallsDerivatives.RadiusSlopeGrad g = RecordDerivativeCallsDerivatives.radiusSlopeGrad(x, y);
      assertThat(g.x()).isWithin(1e-12).of(y * y / (r * r * r) + x / r);
      assertThat(g.y()).isWithin(1e-12).of(-x * y / (r * r * r) + y / r);
    }
  }

  @Test
  void hessianOfAnOrderTwoCallerOfAnOrderThreeRecordFunction() {
    for (double[] q : POINTS) {
      double x = q[0];
      double y = q[1];
      // cubedSlope = ∂/∂y (x³ y + cos y) = x³ - sin y.
      double[][] h = RecordDerivativeCallsDerivatives.cubedSlopeHessian(x, y);
      assertThat(h[0][0]).isWithin(1e-12).of(6 * x);
      assertThat(h[0][1]).isWithin(1e-12).of(0);
      assertThat(h[1][0]).isWithin(1e-12).of(0);
      assertThat(h[1][1]).isWithin(1e-12).of(Math.sin(y));
      RecordDerivativeCallsDerivatives.CubedSlopeGrad g = RecordDerivativeCallsDerivatives.cubedSlopeGrad(x, y);
      assertThat(g.x()).isWithin(1e-12).of(3 * x * x);
      assertThat(g.y()).isWithin(1e-12).of(-Math.cos(y));
    }
  }

  @Test
  void gradientRecordsUsedWhole() {
    for (double[] q : POINTS) {
      double x = q[0];
      double y = q[1];
      // ∇E(p), y·∇E(p), ∂mixed/∂p at (p, y, (x, 3)) through energy, and ∂mixed/∂u · 3.
      double c = Math.cos(x * y);
      double gx = 2 * x * y + y * c;
      double gy = x * x + x * c;
      double mx = y * y + 3 * x;
      double my = y * x;
      double mu = 3 * x + y * Math.exp(y * x);
      double expected = energy(gx, gy) + energy(y * gx, y * gy) + energy(mx, my) + 3 * mu;
      assertThat(RecordDerivativeCalls.wholeGradients(x, y)).isWithin(1e-10).of(expected);
      RecordDerivativeCallsDerivatives.WholeGradientsGrad g = RecordDerivativeCallsDerivatives.wholeGradientsGrad(x, y);
      agreesWithFiniteDifferences(RecordDerivativeCalls::wholeGradients, new double[] {g.x(), g.y()},
          RecordDerivativeCallsDerivatives.wholeGradientsJvp(x, y, 0.4, -1.5).tangent(), x, y);
    }
  }

  @Test
  void aCopiedJvp() {
    for (double[] q : POINTS) {
      double x = q[0];
      double y = q[1];
      RecordDerivativeCallsDerivatives.CopiedJvpGrad g = RecordDerivativeCallsDerivatives.copiedJvpGrad(x, y);
      agreesWithFiniteDifferences(RecordDerivativeCalls::copiedJvp, new double[] {g.x(), g.y()},
          RecordDerivativeCallsDerivatives.copiedJvpJvp(x, y, 0.4, -1.5).tangent(), x, y);
    }
  }

  private static double energy(double x, double y) {
    return x * x * y + Math.sin(x * y);
  }
}

package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Derivatives of functions that read fJvp and fVjp of a function with a record result at one leaf,
 * against closed forms and central finite differences of the callers themselves.
 */
class RecordResultCallsTest {
  private static final double H = 1e-5;
  private static final double[][] POINTS = {{1.3, 0.7}, {0.4, -1.2}, {2.1, 2.5}};

  /** The caller's gradient, its JVP along (0.4, -1.5), both against central differences of the caller. */
  private static void agreesWithFiniteDifferences(DoubleBinaryOperator f, double[] grad, double jvp, double r,
      double t) {
    double dr = (f.applyAsDouble(r + H, t) - f.applyAsDouble(r - H, t)) / (2 * H);
    double dt = (f.applyAsDouble(r, t + H) - f.applyAsDouble(r, t - H)) / (2 * H);
    assertThat(grad[0]).isWithin(1e-6 * Math.max(1, Math.abs(dr))).of(dr);
    assertThat(grad[1]).isWithin(1e-6 * Math.max(1, Math.abs(dt))).of(dt);
    double along = 0.4 * dr - 1.5 * dt;
    assertThat(jvp).isWithin(1e-6 * Math.max(1, Math.abs(along))).of(along);
  }

  @Test
  void tangentsAndValuesReadAtALeaf() {
    for (double[] p : POINTS) {
      double r = p[0];
      double t = p[1];
      double s = Math.sin(t);
      double c = Math.cos(t);
      assertThat(RecordResultCalls.tangents(r, t)).isWithin(1e-12).of(-r * s * s + r * c);
      // d/dr (-r sin² t + r cos t), d/dt (...).
      RecordResultCallsDerivatives.TangentsGrad g = RecordResultCallsDerivatives.tangentsGrad(r, t);
      assertThat(g.r()).isWithin(1e-12).of(-s * s + c);
      assertThat(g.t()).isWithin(1e-12).of(-2 * r * s * c - r * s);
      agreesWithFiniteDifferences(RecordResultCalls::tangents, new double[] {g.r(), g.t()},
          RecordResultCallsDerivatives.tangentsJvp(r, t, 0.4, -1.5).tangent(), r, t);
    }
  }

  @Test
  void aPullbackOfARecordCotangent() {
    for (double[] p : POINTS) {
      double r = p[0];
      double t = p[1];
      double s = Math.sin(t);
      double c = Math.cos(t);
      assertThat(RecordResultCalls.pullback(r, t)).isWithin(1e-12).of(-r * r * s + 2 * r * c + r * s);
      RecordResultCallsDerivatives.PullbackGrad g = RecordResultCallsDerivatives.pullbackGrad(r, t);
      assertThat(g.r()).isWithin(1e-12).of(-2 * r * s + 2 * c + s);
      assertThat(g.t()).isWithin(1e-12).of(-r * r * c - 2 * r * s + r * c);
      agreesWithFiniteDifferences(RecordResultCalls::pullback, new double[] {g.r(), g.t()},
          RecordResultCallsDerivatives.pullbackJvp(r, t, 0.4, -1.5).tangent(), r, t);
    }
  }

  @Test
  void aHeldResult() {
    for (double[] p : POINTS) {
      double r = p[0];
      double t = p[1];
      double s = Math.sin(t);
      double c = Math.cos(t);
      double a = t * c - r * r * s;
      assertThat(RecordResultCalls.held(r, t)).isWithin(1e-12).of(a * r * s);
      RecordResultCallsDerivatives.HeldGrad g = RecordResultCallsDerivatives.heldGrad(r, t);
      assertThat(g.r()).isWithin(1e-12).of(-2 * r * s * r * s + a * s);
      assertThat(g.t()).isWithin(1e-12).of((c - t * s - r * r * c) * r * s + a * r * c);
      agreesWithFiniteDifferences(RecordResultCalls::held, new double[] {g.r(), g.t()},
          RecordResultCallsDerivatives.heldJvp(r, t, 0.4, -1.5).tangent(), r, t);
    }
  }

  @Test
  void aTangentRecordPassedWhole() {
    for (double[] p : POINTS) {
      double r = p[0];
      double t = p[1];
      assertThat(RecordResultCalls.wholeTangent(r, t)).isWithin(1e-12).of(1 + r * r);
      RecordResultCallsDerivatives.WholeTangentGrad g = RecordResultCallsDerivatives.wholeTangentGrad(r, t);
      assertThat(g.r()).isWithin(1e-12).of(2 * r);
      assertThat(g.t()).isWithin(1e-12).of(0);
      agreesWithFiniteDifferences(RecordResultCalls::wholeTangent, new double[] {g.r(), g.t()},
          RecordResultCallsDerivatives.wholeTangentJvp(r, t, 0.4, -1.5).tangent(), r, t);
    }
  }

  @Test
  void nestedLeavesOfARecordFunction() {
    for (double[] p : POINTS) {
      double r = p[0];
      double t = p[1];
      // k = r: t cos t + r² t.
      assertThat(RecordResultCalls.nestedLeaves(r, t)).isWithin(1e-12).of(t * Math.cos(t) + r * r * t);
      RecordResultCallsDerivatives.NestedLeavesGrad g = RecordResultCallsDerivatives.nestedLeavesGrad(r, t);
      assertThat(g.r()).isWithin(1e-12).of(2 * r * t);
      assertThat(g.t()).isWithin(1e-12).of(Math.cos(t) - t * Math.sin(t) + r * r);
      agreesWithFiniteDifferences(RecordResultCalls::nestedLeaves, new double[] {g.r(), g.t()},
          RecordResultCallsDerivatives.nestedLeavesJvp(r, t, 0.4, -1.5).tangent(), r, t);
    }
  }
}

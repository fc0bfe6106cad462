package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** A record local assigned again from a record rule: derivatives of x²y² sin x + sin(xy) in closed form. */
class ReassignedRecordRuleResultsTest {
  private static final double X = 0.7;
  private static final double Y = -1.3;
  private static final double S = Math.sin(X);
  private static final double C = Math.cos(X);
  private static final double XY = X * Y;

  private static final double DX = 2 * X * Y * Y * S + X * X * Y * Y * C + Y * Math.cos(XY);
  private static final double DY = 2 * X * X * Y * S + X * Math.cos(XY);

  @Test
  void theFunctionIsTheClosedForm() {
    assertThat(ReassignedRecordRuleResults.reassigned(X, Y)).isWithin(1e-12).of(XY * XY * S + Math.sin(XY));
  }

  @Test
  void gradientAtOrderOneAndTwo() {
    var g = ReassignedRecordRuleResultsDerivatives.reassignedGrad(X, Y);
    assertThat(g.x()).isWithin(1e-12).of(DX);
    assertThat(g.y()).isWithin(1e-12).of(DY);
    var once = ReassignedRecordRuleResultsDerivatives.reassignedOnceGrad(X, Y);
    assertThat(once.x()).isWithin(1e-12).of(DX);
    assertThat(once.y()).isWithin(1e-12).of(DY);
    assertThat(ReassignedRecordRuleResultsDerivatives.reassignedOnceJvp(X, Y, 0.4, -0.9).tangent())
        .isWithin(1e-12).of(0.4 * DX - 0.9 * DY);
  }

  @Test
  void hessian() {
    double hxx = 2 * Y * Y * S + 4 * X * Y * Y * C - X * X * Y * Y * S - Y * Y * Math.sin(XY);
    double hxy = 4 * X * Y * S + 2 * X * X * Y * C + Math.cos(XY) - XY * Math.sin(XY);
    double hyy = 2 * X * X * S - X * X * Math.sin(XY);
    double[][] h = ReassignedRecordRuleResultsDerivatives.reassignedHessian(X, Y);
    assertThat(h[0][0]).isWithin(1e-10).of(hxx);
    assertThat(h[0][1]).isWithin(1e-10).of(hxy);
    assertThat(h[1][0]).isWithin(1e-10).of(hxy);
    assertThat(h[1][1]).isWithin(1e-10).of(hyy);
  }
}

package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Callers of order 2 of {@code @CustomJvp} rules with a record result, against JAX's semantics: the
 * rule's tangent (deliberately not the derivative) gives the gradient, and the Hessian differentiates
 * that tangent as written, the rule's value through the rule again where the rule calls its function
 * ({@code bent}) and as written where it computes it ({@code own}: then the Hessian is the central
 * differences of the generated gradient).
 */
class RecordJvpRuleCallersTest {
  private static final double H = 1e-6;
  private static final double X = 0.7;
  private static final double Y = -1.3;

  @Test
  void throughBentTheRulesTangentIsDifferentiatedAsWrittenAndItsValueThroughTheRule() {
    double px = X * Y;
    double py = Math.sin(X);
    double c = Math.cos(X);
    double s = Math.sin(X);
    // f = Px·Py + x·Px; the rule: dPx = (2y, x), dPy = (x cos x, 0).
    RecordJvpRuleCallersDerivatives.ThroughBentGrad g = RecordJvpRuleCallersDerivatives.throughBentGrad(X, Y);
    assertThat(g.x()).isWithin(1e-12).of((py + X) * 2 * Y + px * X * c + px);
    assertThat(g.y()).isWithin(1e-12).of((py + X) * X);
    // Row i differentiates gradient component i, Px and Py again through the rule.
    double[][] expected = {
        {(X * c + 1) * 2 * Y + 2 * Y * X * c + px * (c - X * s) + 2 * Y, 2 * (py + X) + X * X * c + X},
        {(X * c + 1) * X + py + X, 0}};
    double[][] h = RecordJvpRuleCallersDerivatives.throughBentHessian(X, Y);
    assertMatrix(h, expected, 1e-12);
    // Not symmetric: the rule is not a derivative.
    assertThat(Math.abs(h[0][1] - h[1][0])).isGreaterThan(0.1);
    double vx = 0.4;
    double vy = 1.9;
    RecordJvpRuleCallersDerivatives.ThroughBentGrad hv = RecordJvpRuleCallersDerivatives.throughBentHvp(X, Y, vx, vy);
    assertThat(hv.x()).isWithin(1e-12).of(expected[0][0] * vx + expected[0][1] * vy);
    assertThat(hv.y()).isWithin(1e-12).of(expected[1][0] * vx + expected[1][1] * vy);
    // D²f[u, w] = Σᵢⱼ uᵢ·H[i][j]·wⱼ.
    double[] u = {-0.6, 0.5};
    double[] w = {1.2, -0.3};
    assertThat(RecordJvpRuleCallersDerivatives.throughBentDerivative(X, Y, u[0], u[1], w[0], w[1]))
        .isWithin(1e-12).of(contract(expected, u, w));
  }

  @Test
  void throughOwnTheRulesValueIsDifferentiatedAsWrittenSoItsHessianIsTheDifferencesOfItsGradient() {
    double px = X * Y;
    double py = Math.sin(X);
    double c = Math.cos(X);
    double s = Math.sin(X);
    // Above the first order Px = xy and Py = sin x are differentiated as written.
    double[][] expected = {
        {(c + 1) * 2 * Y + Y * X * c + px * (c - X * s) + Y, 2 * (py + X) + X * X * c + X},
        {(c + 1) * X + py + X, 0}};
    double[][] h = RecordJvpRuleCallersDerivatives.throughOwnHessian(X, Y);
    assertMatrix(h, expected, 1e-12);
    double[][] fd = new double[2][2];
    for (int j = 0; j < 2; j++) {
      double dx = j == 0 ? H : 0;
      double dy = j == 1 ? H : 0;
      RecordJvpRuleCallersDerivatives.ThroughOwnGrad plus =
          RecordJvpRuleCallersDerivatives.throughOwnGrad(X + dx, Y + dy);
      RecordJvpRuleCallersDerivatives.ThroughOwnGrad minus =
          RecordJvpRuleCallersDerivatives.throughOwnGrad(X - dx, Y - dy);
      fd[0][j] = (plus.x() - minus.x()) / (2 * H);
      fd[1][j] = (plus.y() - minus.y()) / (2 * H);
    }
    assertMatrix(h, fd, 1e-6);
  }

  @Test
  void throughSkewedIsTheGuidesExample() {
    double x = 1.3;
    // 2·p.y() + p.x()·3x², then 2·3x² + 6x·p.x() + 3x²·2 with the rule's derivatives again.
    assertThat(RecordJvpRuleCallersDerivatives.throughSkewedGrad(x)).isWithin(1e-12).of(2 * x * x + 6 * x * x * x);
    assertThat(RecordJvpRuleCallersDerivatives.throughSkewedHessian(x)).isWithin(1e-12).of(24 * x * x);
  }

  private static double contract(double[][] h, double[] u, double[] w) {
    double sum = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        sum += u[i] * h[i][j] * w[j];
      }
    }
    return sum;
  }

  private static void assertMatrix(double[][] actual, double[][] expected, double tolerance) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertThat(actual[i][j]).isWithin(tolerance).of(expected[i][j]);
      }
    }
  }
}

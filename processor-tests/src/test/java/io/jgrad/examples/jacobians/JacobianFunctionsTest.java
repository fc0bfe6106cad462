package io.jgrad.examples.jacobians;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.examples.jacobians.JacobianFunctions.Cartesian;
import io.jgrad.examples.jacobians.JacobianFunctions.Point;
import io.jgrad.examples.jacobians.JacobianFunctions.Scaled;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code fJacobian} against closed forms and central finite differences: rows are the result's
 * leaves, columns a parameter's leaves; forward mode where n ≤ m, reverse mode where n > m (each
 * direction is reached by choosing the sizes), custom rules' numbers where they differ from the body's
 * (JAX's jacfwd/jacrev use the rules).
 */
class JacobianFunctionsTest {
  private static final double H = 1e-6;

  /** The central-difference Jacobian of {@code f} at {@code x}: m rows, n columns. */
  private static double[][] centralDifferences(Function<double[], double[]> f, double[] x) {
    double[][] columns = new double[x.length][];
    for (int j = 0; j < x.length; j++) {
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[j] += H;
      minus[j] -= H;
      double[] fp = f.apply(plus);
      double[] fm = f.apply(minus);
      columns[j] = new double[fp.length];
      for (int i = 0; i < fp.length; i++) {
        columns[j][i] = (fp[i] - fm[i]) / (2 * H);
      }
    }
    double[][] jac = new double[columns.length == 0 ? 0 : columns[0].length][x.length];
    for (int i = 0; i < jac.length; i++) {
      for (int j = 0; j < x.length; j++) {
        jac[i][j] = columns[j][i];
      }
    }
    return jac;
  }

  private static void assertMatrix(double[][] actual, double[][] expected, double tolerance) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).usingTolerance(tolerance).containsExactly(expected[i]).inOrder();
    }
  }

  @Test
  void theGuidesExampleHasOneBlockPerParameter() {
    double[] x = {1, 2};
    double k = 3;
    JacobianFunctionsDerivatives.ScaleSquaresJacobian jac = JacobianFunctionsDerivatives.scaleSquaresJacobian(x, k);
    // ∂y[i]/∂x[j] = 2k·x[i] on the diagonal; ∂y[i]/∂k = x[i]²
    assertMatrix(jac.x(), new double[][] {{2 * k * x[0], 0}, {0, 2 * k * x[1]}}, 0);
    assertThat(jac.k()).usingExactEquality().containsExactly(x[0] * x[0], x[1] * x[1]).inOrder();
    assertMatrix(jac.x(), centralDifferences(v -> JacobianFunctions.scaleSquares(v, k), x), 1e-7);
  }

  @Test
  void moreOutputsThanInputsGoForwardAndMatchTheClosedForm() {
    double[] x = {0.3, -1.2, 0.7};
    int n = x.length;
    double[][] expected = new double[2 * n + 1][n];
    for (int i = 0; i < n; i++) {
      expected[i][i] = Math.cos(x[i]);
      expected[n + i][i] += x[(i + 1) % n];
      expected[n + i][(i + 1) % n] += x[i];
      expected[2 * n][i] = 2 * x[i];
    }
    double[][] jac = JacobianFunctionsDerivatives.expandJacobian(x);
    assertMatrix(jac, expected, 1e-15);
    assertMatrix(jac, centralDifferences(JacobianFunctions::expand, x), 1e-8);
  }

  /** Rows: Σ x³ gives 3x[k]²; Σ i·x[i]·x[0] gives k·x[0], plus Σ i·x[i] for k = 0. */
  private static double[][] summarizeJacobian(double[] x) {
    double[][] expected = new double[2][x.length];
    double weighted = 0;
    for (int i = 0; i < x.length; i++) {
      weighted += i * x[i];
    }
    for (int k = 0; k < x.length; k++) {
      expected[0][k] = 3 * x[k] * x[k];
      expected[1][k] = k * x[0] + (k == 0 ? weighted : 0);
    }
    return expected;
  }

  @Test
  void moreInputsThanOutputsGoReverseAndMatchTheClosedForm() {
    double[] x = {0.5, -1.5, 2.0, 0.25};
    double[][] jac = JacobianFunctionsDerivatives.summarizeJacobian(x);
    assertMatrix(jac, summarizeJacobian(x), 1e-14);
    assertMatrix(jac, centralDifferences(JacobianFunctions::summarize, x), 1e-7);
    // Two inputs and two outputs: forward mode, the same formula.
    double[] two = {0.5, -1.5};
    assertMatrix(JacobianFunctionsDerivatives.summarizeJacobian(two), summarizeJacobian(two), 1e-14);
  }

  @Test
  void numberParametersGetOneColumnEachNamedAfterThem() {
    double a = 1.3;
    double b = 0.4;
    for (int n : new int[] {5, 1}) { // 2 ≤ 5: forward; 2 > 1: reverse
      JacobianFunctionsDerivatives.WaveJacobian jac = JacobianFunctionsDerivatives.waveJacobian(a, b, n);
      assertThat(jac.a()).hasLength(n);
      for (int i = 0; i < n; i++) {
        assertThat(jac.a()[i]).isWithin(1e-15).of(Math.cos(i * b));
        assertThat(jac.b()[i]).isWithin(1e-14).of(-a * i * Math.sin(i * b) + 2 * b);
        double fdB = (JacobianFunctions.wave(a, b + H, n)[i] - JacobianFunctions.wave(a, b - H, n)[i]) / (2 * H);
        assertThat(jac.b()[i]).isWithin(1e-8).of(fdB);
      }
    }
  }

  @Test
  void aRecordResultHasOneRowPerLeaf() {
    double r = 2.0;
    double t = 0.6;
    JacobianFunctionsDerivatives.PolarJacobian jac = JacobianFunctionsDerivatives.polarJacobian(r, t);
    assertThat(jac.r()).usingTolerance(1e-15).containsExactly(Math.cos(t), Math.sin(t)).inOrder();
    assertThat(jac.t()).usingTolerance(1e-15).containsExactly(-r * Math.sin(t), r * Math.cos(t)).inOrder();
    Cartesian plus = JacobianFunctions.polar(r, t + H);
    Cartesian minus = JacobianFunctions.polar(r, t - H);
    assertThat(jac.t()[0]).isWithin(1e-8).of((plus.x() - minus.x()) / (2 * H));
  }

  @Test
  void aRecordResultWithAnArrayComponentFlattensItInOrder() {
    double[] x = {1.0, 2.0, -0.5};
    double k = 0.7;
    JacobianFunctionsDerivatives.ScaleJacobian jac = JacobianFunctionsDerivatives.scaleJacobian(x, k);
    // Rows: w[0], w[1], w[2], norm; the label has no tangent and no row.
    double sumSquares = 0;
    for (double v : x) {
      sumSquares += v * v;
    }
    double[][] expectedX = new double[4][3];
    for (int i = 0; i < 3; i++) {
      expectedX[i][i] = k;
      expectedX[3][i] = 2 * k * k * x[i];
    }
    assertMatrix(jac.x(), expectedX, 1e-14);
    assertThat(jac.k()).usingTolerance(1e-14).containsExactly(x[0], x[1], x[2], 2 * k * sumSquares).inOrder();
    assertMatrix(jac.x(), centralDifferences(v -> {
      Scaled s = JacobianFunctions.scale(v, k);
      return new double[] {s.w()[0], s.w()[1], s.w()[2], s.norm()};
    }, x), 1e-7);
  }

  @Test
  void aRecordParameterHasOneColumnPerLeafWithATangent() {
    Point p = new Point(0.5, -2.0, "p");
    for (double[] x : new double[][] {{1.5}, {1.5, -0.25, 3.0, 0.5}}) {
      JacobianFunctionsDerivatives.AffineJacobian jac = JacobianFunctionsDerivatives.affineJacobian(p, x);
      double[][] expectedP = new double[x.length][];
      double[][] expectedX = new double[x.length][x.length];
      for (int i = 0; i < x.length; i++) {
        expectedP[i] = new double[] {x[i], x[i] * x[i]}; // columns p.x, p.y: the name has none
        expectedX[i][i] = p.x() + 2 * p.y() * x[i];
      }
      assertMatrix(jac.p(), expectedP, 1e-15);
      assertMatrix(jac.x(), expectedX, 1e-15);
      assertMatrix(jac.x(), centralDifferences(v -> JacobianFunctions.affine(p, v), x), 1e-7);
    }
    // The pullback itself (a record parameter with an array result): its cotangent is an array.
    double[] x = {1.5, -0.25};
    JacobianFunctionsDerivatives.AffineGrad g = JacobianFunctionsDerivatives.affineVjp(p, x)
        .pullback(new double[] {1.0, 2.0});
    assertThat(g.p().x()).isWithin(1e-15).of(x[0] + 2 * x[1]);
    assertThat(g.p().y()).isWithin(1e-15).of(x[0] * x[0] + 2 * x[1] * x[1]);
    assertThat(g.p().name()).isEqualTo("p");
    assertThat(g.x()).usingTolerance(1e-15)
        .containsExactly(p.x() + 2 * p.y() * x[0], 2 * (p.x() + 2 * p.y() * x[1])).inOrder();
  }

  @Test
  void floatFunctionsGetAFloatJacobian() {
    float[] x = {0.5f, -1.5f, 2.0f};
    float[][] jac = JacobianFunctionsDerivatives.squaresJacobian(x);
    assertThat(jac.length).isEqualTo(4);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(jac[i][j]).isWithin(0f).of(i == j ? 2 * x[i] : 0f); // 2x·0 may be -0
      }
      assertThat(jac[3][i]).isEqualTo(1f);
    }
  }

  @Test
  void aCustomJvpRuleGivesTheJacobianInBothModes() {
    // n - 1 outputs: reverse mode, the rule transposed. The body's floor has derivative zero.
    double[] x = {0.2, 1.7, -0.4, 3.1};
    double[][] expected = new double[3][4];
    for (int i = 0; i < 3; i++) {
      expected[i][i] = -1;
      expected[i][i + 1] = 1;
    }
    assertMatrix(JacobianFunctionsDerivatives.steppedDiffsJacobian(x), expected, 0);
    assertMatrix(centralDifferences(JacobianFunctions::steppedDiffs, x), new double[3][4], 0);
    // As many outputs as inputs: forward mode, the rule's 2ẋ.
    double[] y = {0.2, 1.7, -0.4};
    double[][] twice = new double[3][3];
    for (int i = 0; i < 3; i++) {
      twice[i][i] = 2;
    }
    assertMatrix(JacobianFunctionsDerivatives.steppedDoubleJacobian(y), twice, 0);
  }

  @Test
  void aCustomVjpRuleGivesTheJacobianByReverseModeEvenWithFewerInputs() {
    double[] x = {0.5, -1.0, 2.0};
    // The backward pass gives x[i]·(g[i] + g[last]): half the body's derivative.
    double[][] expected = new double[4][3];
    for (int i = 0; i < 3; i++) {
      expected[i][i] = x[i];
      expected[3][i] = x[i];
    }
    double[][] jac = JacobianFunctionsDerivatives.dampedSquaresJacobian(x);
    assertMatrix(jac, expected, 0);
    double[][] body = centralDifferences(JacobianFunctions::dampedSquares, x);
    assertThat(body[3][2]).isWithin(1e-7).of(2 * jac[3][2]);
  }

  @Test
  void nullArgumentsAreNamed() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> JacobianFunctionsDerivatives.expandJacobian(null));
    assertThat(e).hasMessageThat().isEqualTo("x");
    e = assertThrows(NullPointerException.class,
        () -> JacobianFunctionsDerivatives.affineJacobian(null, new double[] {1}));
    assertThat(e).hasMessageThat().isEqualTo("p");
  }

  @Test
  void aHessianByNameHoldsFHessiansRowsAsGradientRecords() {
    double x = 0.8;
    double y = -1.1;
    double z = 0.6;
    JacobianFunctionsDerivatives.MixedHessian h = JacobianFunctionsDerivatives.mixedHessianByName(x, y, z);
    double[][] matrix = JacobianFunctionsDerivatives.mixedHessian(x, y, z);
    JacobianFunctionsDerivatives.MixedGrad[] rows = {h.x(), h.y(), h.z()};
    for (int i = 0; i < 3; i++) {
      assertThat(new double[] {rows[i].x(), rows[i].y(), rows[i].z()}).usingExactEquality()
          .containsExactly(matrix[i]).inOrder();
    }
    // f = x²y + sin(yz) + z³
    double s = Math.sin(y * z);
    double c = Math.cos(y * z);
    assertThat(h.x().x()).isWithin(1e-14).of(2 * y);
    assertThat(h.x().y()).isWithin(1e-14).of(2 * x);
    assertThat(h.x().z()).isWithin(1e-14).of(0);
    assertThat(h.y().y()).isWithin(1e-14).of(-z * z * s);
    assertThat(h.y().z()).isWithin(1e-14).of(c - y * z * s);
    assertThat(h.z().y()).isWithin(1e-14).of(c - y * z * s);
    assertThat(h.z().z()).isWithin(1e-14).of(-y * y * s + 6 * z);
  }

  @Test
  void aHessianByNameKeepsAFloatParametersType() {
    JacobianFunctionsDerivatives.MixedFloatHessian h = JacobianFunctionsDerivatives.mixedFloatHessianByName(1.5, 2f);
    // f = x·y²: ∂²f/∂x∂y = 2y, ∂²f/∂y² = 2x (a float component of the gradient record)
    assertThat(h.x().x()).isEqualTo(0.0);
    assertThat(h.x().y()).isEqualTo(4f);
    assertThat(h.y().x()).isWithin(1e-14).of(4.0);
    assertThat(h.y().y()).isEqualTo(3f);
  }
}

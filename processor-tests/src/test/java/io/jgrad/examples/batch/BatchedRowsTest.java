package io.jgrad.examples.batch;

import static com.google.common.truth.Truth.assertThat;
import static io.jgrad.examples.batch.LaneTesting.assertClose;
import static io.jgrad.examples.batch.LaneTesting.tolerance;
import static io.jgrad.examples.batch.LaneTesting.uniform;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Batch;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.FloatDual;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Arrays given per lane as rows of a flat array, on every backend: each lane's value, JVP and gradient
 * against the scalar generated code on that lane's row and against closed forms.
 */
class BatchedRowsTest {
  /** Row {@code lane} of {@code flat}, whose rows have {@code n} elements. */
  private static double[] row(double[] flat, int lane, int n) {
    return Arrays.copyOfRange(flat, lane * n, (lane + 1) * n);
  }

  private static double[] softmax(double[] x) {
    double m = Arrays.stream(x).max().orElseThrow();
    double s = Arrays.stream(x).map(v -> Math.exp(v - m)).sum();
    return Arrays.stream(x).map(v -> Math.exp(v - m) / s).toArray();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void logSumExpPerRow(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(3);
    int lanes = 50;
    int n = 7;
    double[] x = uniform(r, lanes * n, -3, 3);
    double[] xDot = uniform(r, lanes * n, -1, 1);
    double[] out = new double[lanes];
    BatchedRowsDerivatives.logSumExpBatch(x, n, out, backend);
    double[] outValue = new double[lanes];
    double[] outTangent = new double[lanes];
    BatchedRowsDerivatives.logSumExpJvpBatch(x, n, xDot, outValue, outTangent, backend);
    double[] xGrad = new double[lanes * n];
    BatchedRowsDerivatives.logSumExpGradBatch(x, n, xGrad, backend);
    double[] viaRule = new double[lanes * n];
    BatchedRowsDerivatives.logOfSumExpGradBatch(x, n, viaRule, backend);
    double[] ruleTangent = new double[lanes];
    BatchedRowsDerivatives.logOfSumExpJvpBatch(x, n, xDot, new double[lanes], ruleTangent, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      double[] xl = row(x, l, n);
      double[] xDotl = row(xDot, l, n);
      double closed = Math.log(Arrays.stream(xl).map(Math::exp).sum());
      assertClose(out[l], closed, 1e-12, "value at lane " + l);
      assertClose(out[l], BatchedRows.logSumExp(xl), tol, "value against the scalar code at lane " + l);
      Dual jvp = BatchedRowsDerivatives.logSumExpJvp(xl, xDotl);
      assertClose(outValue[l], jvp.value(), tol, "jvp value at lane " + l);
      assertClose(outTangent[l], jvp.tangent(), tol, "jvp tangent at lane " + l);
      assertClose(ruleTangent[l], jvp.tangent(), 1e-12, "jvp tangent through the rule at lane " + l);
      double[] softmax = softmax(xl);
      double[] grad = BatchedRowsDerivatives.logSumExpGrad(xl);
      double directional = 0;
      for (int i = 0; i < n; i++) {
        assertClose(xGrad[l * n + i], softmax[i], 1e-12, "gradient (softmax) at lane " + l + ", element " + i);
        assertClose(xGrad[l * n + i], grad[i], tol, "gradient against logSumExpGrad at lane " + l + ", element " + i);
        assertClose(viaRule[l * n + i], softmax[i], 1e-12, "gradient through the rule at lane " + l + ", element " + i);
        directional += softmax[i] * xDotl[i];
      }
      assertClose(outTangent[l], directional, 1e-12, "jvp tangent, closed form, at lane " + l);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aScalarARowPerLaneOfItsOwnLengthAndASharedArray(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(5);
    int lanes = 40;
    int n = 5;
    int m = 6; // w's rows are longer than x's: dot reads the first n
    double[] y = uniform(r, lanes, -1, 1);
    double[] x = uniform(r, lanes * n, -1, 1);
    double[] w = uniform(r, lanes * m, -2, 2);
    double[] c = {0.5, -0.25, 1.5};
    double[] yDot = uniform(r, lanes, -1, 1);
    double[] xDot = uniform(r, lanes * n, -1, 1);
    double[] out = new double[lanes];
    BatchedRowsDerivatives.scaledBatch(y, x, n, w, m, c, out, backend);
    double[] outValue = new double[lanes];
    double[] outTangent = new double[lanes];
    BatchedRowsDerivatives.scaledJvpBatch(y, x, n, w, m, c, yDot, xDot, outValue, outTangent, backend);
    double[] yGrad = new double[lanes];
    double[] xGrad = new double[lanes * n];
    BatchedRowsDerivatives.scaledGradBatch(y, x, n, w, m, c, yGrad, xGrad, backend);
    double tol = tolerance(backend);
    double sumC = 1.75;
    for (int l = 0; l < lanes; l++) {
      double[] xl = row(x, l, n);
      double[] wl = row(w, l, m);
      double d = 0;
      for (int i = 0; i < n; i++) {
        d += xl[i] * wl[i];
      }
      double yl = y[l];
      assertClose(out[l], Math.sin(yl * d) + yl * yl * sumC, 1e-12, "value at lane " + l);
      assertClose(out[l], BatchedRows.scaled(yl, xl, wl, c), tol, "value against the scalar code at lane " + l);
      double gy = Math.cos(yl * d) * d + 2 * yl * sumC;
      assertClose(yGrad[l], gy, 1e-12, "y gradient at lane " + l);
      BatchedRowsDerivatives.ScaledGrad g = BatchedRowsDerivatives.scaledGrad(yl, xl, wl, c);
      assertClose(yGrad[l], g.y(), tol, "y gradient against scaledGrad at lane " + l);
      double tangent = gy * yDot[l];
      for (int i = 0; i < n; i++) {
        double gx = Math.cos(yl * d) * yl * wl[i];
        assertClose(xGrad[l * n + i], gx, 1e-12, "x gradient at lane " + l + ", element " + i);
        assertClose(xGrad[l * n + i], g.x()[i], tol, "x gradient against scaledGrad at lane " + l + ", element " + i);
        tangent += gx * xDot[l * n + i];
      }
      Dual jvp = BatchedRowsDerivatives.scaledJvp(yl, xl, wl, c, yDot[l], row(xDot, l, n));
      assertClose(outValue[l], jvp.value(), tol, "jvp value at lane " + l);
      assertClose(outTangent[l], jvp.tangent(), tol, "jvp tangent at lane " + l);
      assertClose(outTangent[l], tangent, 1e-12, "jvp tangent, closed form, at lane " + l);
    }
    assertThat(c).isEqualTo(new double[] {0.5, -0.25, 1.5});
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void twoRowsOfTheirOwnLengthsAroundAScalar(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(7);
    int lanes = 30;
    int n = 3;
    int k = 4;
    double[] x = uniform(r, lanes * n, -1, 1);
    double[] z = uniform(r, lanes, -1, 1);
    double[] v = uniform(r, lanes * k, -2, 2);
    double[] xDot = uniform(r, lanes * n, -1, 1);
    double[] zDot = uniform(r, lanes, -1, 1);
    double[] vDot = uniform(r, lanes * k, -1, 1);
    double[] out = new double[lanes];
    BatchedRowsDerivatives.twoRowsBatch(x, n, z, v, k, out, backend);
    double[] outValue = new double[lanes];
    double[] outTangent = new double[lanes];
    BatchedRowsDerivatives.twoRowsJvpBatch(x, n, z, v, k, xDot, zDot, vDot, outValue, outTangent, backend);
    double[] xGrad = new double[lanes * n];
    double[] zGrad = new double[lanes];
    double[] vGrad = new double[lanes * k];
    BatchedRowsDerivatives.twoRowsGradBatch(x, n, z, v, k, xGrad, zGrad, vGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      double[] xl = row(x, l, n);
      double[] vl = row(v, l, k);
      double zl = z[l];
      assertClose(out[l], BatchedRows.twoRows(xl, zl, vl), tol, "value against the scalar code at lane " + l);
      // closed forms of the three partials
      double[] gx = new double[n];
      double gz = 3 * zl * zl * (xl[0] - xl[1]);
      double[] gv = new double[k];
      for (int i = 0; i < n; i++) {
        gx[i] = 2 * xl[i] * zl;
        gz += xl[i] * xl[i];
      }
      gx[0] += zl * zl * zl;
      gx[1] -= zl * zl * zl;
      for (int j = 0; j < k; j++) {
        double s = Math.sin(vl[j] * xl[j % n]);
        gx[j % n] -= s * vl[j];
        gv[j] = -s * xl[j % n];
      }
      BatchedRowsDerivatives.TwoRowsGrad g = BatchedRowsDerivatives.twoRowsGrad(xl, zl, vl);
      assertClose(zGrad[l], gz, 1e-12, "z gradient at lane " + l);
      assertClose(zGrad[l], g.z(), tol, "z gradient against twoRowsGrad at lane " + l);
      double tangent = gz * zDot[l];
      for (int i = 0; i < n; i++) {
        assertClose(xGrad[l * n + i], gx[i], 1e-12, "x gradient at lane " + l + ", element " + i);
        assertClose(xGrad[l * n + i], g.x()[i], tol, "x gradient against twoRowsGrad at lane " + l);
        tangent += gx[i] * xDot[l * n + i];
      }
      for (int j = 0; j < k; j++) {
        assertClose(vGrad[l * k + j], gv[j], 1e-12, "v gradient at lane " + l + ", element " + j);
        assertClose(vGrad[l * k + j], g.v()[j], tol, "v gradient against twoRowsGrad at lane " + l);
        tangent += gv[j] * vDot[l * k + j];
      }
      Dual jvp = BatchedRowsDerivatives.twoRowsJvp(xl, zl, vl, row(xDot, l, n), zDot[l], row(vDot, l, k));
      assertClose(outValue[l], jvp.value(), tol, "jvp value at lane " + l);
      assertClose(outTangent[l], jvp.tangent(), tol, "jvp tangent at lane " + l);
      assertClose(outTangent[l], tangent, 1e-12, "jvp tangent, closed form, at lane " + l);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void coefficientRowsPerLaneAroundAScalar(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(17);
    int lanes = 25;
    int m = 4;
    double[] x = uniform(r, lanes, -2, 2);
    double[] c = uniform(r, lanes * m, -1, 1);
    double[] xDot = uniform(r, lanes, -1, 1);
    double[] out = new double[lanes];
    BatchedRowsDerivatives.polyBatch(x, c, m, out, backend);
    double[] outTangent = new double[lanes];
    BatchedRowsDerivatives.polyJvpBatch(x, c, m, xDot, new double[lanes], outTangent, backend);
    double[] xGrad = new double[lanes];
    BatchedRowsDerivatives.polyGradBatch(x, c, m, xGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      double p = 0;
      double dp = 0;
      for (int k = 0; k < m; k++) {
        p += c[l * m + k] * Math.pow(x[l], k);
        dp += k == 0 ? 0 : k * c[l * m + k] * Math.pow(x[l], k - 1);
      }
      assertClose(out[l], p, 1e-12, "value at lane " + l);
      assertClose(xGrad[l], dp, 1e-12, "gradient at lane " + l);
      assertClose(xGrad[l], BatchedRowsDerivatives.polyGrad(x[l], row(c, l, m)), tol,
          "gradient against polyGrad at lane " + l);
      assertClose(outTangent[l], dp * xDot[l], 1e-12, "jvp tangent at lane " + l);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void floatRows(Backend backend) {
    OpenCl.requireIf(backend);
    int n = 3;
    float[] x = {1f, -2f, 0.5f, 3f, 0.25f, -1.5f};
    float[] xDot = {1f, 0f, 2f, -1f, 1f, 0.5f};
    float[] out = new float[2];
    BatchedRowsDerivatives.sumOfSquaresFBatch(x, n, out, backend);
    float[] outValue = new float[2];
    float[] outTangent = new float[2];
    BatchedRowsDerivatives.sumOfSquaresFJvpBatch(x, n, xDot, outValue, outTangent, backend);
    float[] xGrad = new float[6];
    BatchedRowsDerivatives.sumOfSquaresFGradBatch(x, n, xGrad, backend);
    for (int l = 0; l < 2; l++) {
      float[] xl = Arrays.copyOfRange(x, l * n, (l + 1) * n);
      float[] xDotl = Arrays.copyOfRange(xDot, l * n, (l + 1) * n);
      FloatDual jvp = BatchedRowsDerivatives.sumOfSquaresFJvp(xl, xDotl);
      assertClose(out[l], xl[0] * xl[0] + xl[1] * xl[1] + xl[2] * xl[2], 1e-5, "value at lane " + l);
      assertClose(outTangent[l], 2 * (xl[0] * xDotl[0] + xl[1] * xDotl[1] + xl[2] * xDotl[2]), 1e-5,
          "tangent at lane " + l);
      assertClose(outTangent[l], jvp.tangent(), 1e-5, "tangent against sumOfSquaresFJvp at lane " + l);
      for (int i = 0; i < n; i++) {
        assertClose(xGrad[l * n + i], 2 * xl[i], 1e-5, "gradient at lane " + l + ", element " + i);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "OPENCL"})
  void aSessionRunsAgainOnChangedRows(Backend backend) {
    OpenCl.requireIf(backend);
    double[] x = {0, 0, 1, 2};
    double[] xGrad = new double[4];
    try (Batch batch = BatchedRowsDerivatives.logSumExpGradBatchSession(x, 2, xGrad, backend)) {
      batch.run();
      assertClose(xGrad[0], 0.5, 1e-12, "first run, lane 0");
      assertClose(xGrad[3], Math.exp(1) / (1 + Math.exp(1)), 1e-12, "first run, lane 1");
      x[0] = Math.log(3);
      batch.changed(x).run();
      assertClose(xGrad[0], 0.75, 1e-12, "second run, lane 0");
      assertClose(xGrad[1], 0.25, 1e-12, "second run, lane 0, element 1");
    }
  }

  @Test
  void rowsThatDoNotDivideOrDoNotMatchAreNamed() {
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> BatchedRowsDerivatives.logSumExpBatch(new double[7], 3, new double[2], Backend.JAVA));
    assertThat(ragged).hasMessageThat().isEqualTo("x has 7 elements, which is not a whole number of rows of"
        + " xRowLength = 3");
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> BatchedRowsDerivatives.logSumExpBatch(new double[6], 0, new double[2], Backend.JAVA));
    assertThat(empty).hasMessageThat().contains("xRowLength is 0");
    IllegalArgumentException grad = assertThrows(IllegalArgumentException.class,
        () -> BatchedRowsDerivatives.logSumExpGradBatch(new double[6], 3, new double[3], Backend.JAVA));
    assertThat(grad).hasMessageThat().isEqualTo("xGrad has 3 elements but the batch has 2 lanes of rows of"
        + " xRowLength = 3 elements");
    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
        () -> BatchedRowsDerivatives.scaledBatch(new double[2], new double[10], 5, new double[11], 5,
            new double[1], new double[2], Backend.JAVA));
    assertThat(rows).hasMessageThat().contains("w has 11 elements but the batch has 2 lanes");
    IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
        () -> BatchedRowsDerivatives.logSumExpBatch(new double[6], 3, new double[3], Backend.JAVA));
    assertThat(out).hasMessageThat().contains("out has 3 elements but the batch has 2 lanes");
  }
}

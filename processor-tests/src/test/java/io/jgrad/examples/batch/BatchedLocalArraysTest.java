package io.jgrad.examples.batch;

import static io.jgrad.examples.batch.LaneTesting.assertClose;
import static io.jgrad.examples.batch.LaneTesting.tolerance;
import static io.jgrad.examples.batch.LaneTesting.uniform;

import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Dual;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Local arrays of a constant size in a lane, on every backend: each lane's value, JVP and gradient
 * against the scalar generated code (f, fJvp, fGrad) and against central finite differences.
 */
class BatchedLocalArraysTest {
  private static final double H = 1e-6;

  /** The central difference of {@code f} at (x, y) along (dx, dy). */
  private static double difference(DoubleBinaryOperator f, double x, double y, double dx, double dy) {
    return (f.applyAsDouble(x + H * dx, y + H * dy) - f.applyAsDouble(x - H * dx, y - H * dy)) / (2 * H);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void squaresInALocalArray(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(11);
    int lanes = 40;
    double[] x = uniform(r, lanes, -2, 2);
    double[] y = uniform(r, lanes, -2, 2);
    double[] xDot = uniform(r, lanes, -1, 1);
    double[] yDot = uniform(r, lanes, -1, 1);
    double[] out = new double[lanes];
    double[] outValue = new double[lanes];
    double[] outTangent = new double[lanes];
    double[] xGrad = new double[lanes];
    double[] yGrad = new double[lanes];
    BatchedLocalArraysDerivatives.squaresBatch(x, y, out, backend);
    BatchedLocalArraysDerivatives.squaresJvpBatch(x, y, xDot, yDot, outValue, outTangent, backend);
    BatchedLocalArraysDerivatives.squaresGradBatch(x, y, xGrad, yGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      double s = Math.sin(x[l] * y[l]);
      double closed = x[l] * x[l] + x[l] * x[l] * y[l] * y[l] + s * s + x[l] * s;
      assertClose(out[l], closed, 1e-12, "value at lane " + l);
      assertClose(out[l], BatchedLocalArrays.squares(x[l], y[l]), tol, "value against the scalar code at lane " + l);
      Dual jvp = BatchedLocalArraysDerivatives.squaresJvp(x[l], y[l], xDot[l], yDot[l]);
      assertClose(outValue[l], jvp.value(), tol, "jvp value at lane " + l);
      assertClose(outTangent[l], jvp.tangent(), tol, "jvp tangent at lane " + l);
      assertClose(outTangent[l], difference(BatchedLocalArrays::squares, x[l], y[l], xDot[l], yDot[l]), 1e-6,
          "jvp tangent against finite differences at lane " + l);
      var grad = BatchedLocalArraysDerivatives.squaresGrad(x[l], y[l]);
      assertClose(xGrad[l], grad.x(), tol, "x gradient at lane " + l);
      assertClose(yGrad[l], grad.y(), tol, "y gradient at lane " + l);
      assertClose(xGrad[l], difference(BatchedLocalArrays::squares, x[l], y[l], 1, 0), 1e-6,
          "x gradient against finite differences at lane " + l);
      assertClose(yGrad[l], difference(BatchedLocalArrays::squares, x[l], y[l], 0, 1), 1e-6,
          "y gradient against finite differences at lane " + l);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void powersInAnArrayOfAConstantsSize(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(12);
    int lanes = 40;
    double[] x = uniform(r, lanes, -1.5, 1.5);
    double[] c = uniform(r, lanes, -1.5, 1.5);
    double[] xDot = uniform(r, lanes, -1, 1);
    double[] cDot = uniform(r, lanes, -1, 1);
    double[] out = new double[lanes];
    double[] outValue = new double[lanes];
    double[] outTangent = new double[lanes];
    double[] xGrad = new double[lanes];
    double[] cGrad = new double[lanes];
    BatchedLocalArraysDerivatives.powersBatch(x, c, out, backend);
    BatchedLocalArraysDerivatives.powersJvpBatch(x, c, xDot, cDot, outValue, outTangent, backend);
    BatchedLocalArraysDerivatives.powersGradBatch(x, c, xGrad, cGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      double z = c[l] * x[l];
      // Σ_k z^k / (k + 1), k < 4, and its derivative in z: Σ_k k z^(k-1) / (k + 1).
      double closed = 1 + z / 2 + z * z / 3 + z * z * z / 4;
      double dz = 0.5 + 2 * z / 3 + 3 * z * z / 4;
      assertClose(out[l], closed, 1e-12, "value at lane " + l);
      assertClose(out[l], BatchedLocalArrays.powers(x[l], c[l]), tol, "value against the scalar code at lane " + l);
      Dual jvp = BatchedLocalArraysDerivatives.powersJvp(x[l], c[l], xDot[l], cDot[l]);
      assertClose(outValue[l], jvp.value(), tol, "jvp value at lane " + l);
      assertClose(outTangent[l], jvp.tangent(), tol, "jvp tangent at lane " + l);
      assertClose(outTangent[l], dz * (c[l] * xDot[l] + x[l] * cDot[l]), 1e-12, "jvp tangent, closed form, lane " + l);
      var grad = BatchedLocalArraysDerivatives.powersGrad(x[l], c[l]);
      assertClose(xGrad[l], grad.x(), tol, "x gradient at lane " + l);
      assertClose(cGrad[l], grad.c(), tol, "c gradient at lane " + l);
      assertClose(xGrad[l], dz * c[l], 1e-12, "x gradient, closed form, at lane " + l);
      assertClose(cGrad[l], difference(BatchedLocalArrays::powers, x[l], c[l], 0, 1), 1e-6,
          "c gradient against finite differences at lane " + l);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void binsNextToARowThroughACallee(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(13);
    int lanes = 30;
    int n = 11;
    double[] x = uniform(r, lanes * n, -1, 1);
    double[] w = uniform(r, lanes, 0.5, 1.5);
    double[] xDot = uniform(r, lanes * n, -1, 1);
    double[] wDot = uniform(r, lanes, -1, 1);
    double[] out = new double[lanes];
    double[] outValue = new double[lanes];
    double[] outTangent = new double[lanes];
    double[] xGrad = new double[lanes * n];
    double[] wGrad = new double[lanes];
    BatchedLocalArraysDerivatives.binnedBatch(x, n, w, out, backend);
    BatchedLocalArraysDerivatives.binnedJvpBatch(x, n, w, xDot, wDot, outValue, outTangent, backend);
    BatchedLocalArraysDerivatives.binnedGradBatch(x, n, w, xGrad, wGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      double[] xl = Arrays.copyOfRange(x, l * n, (l + 1) * n);
      double[] xDotl = Arrays.copyOfRange(xDot, l * n, (l + 1) * n);
      double wl = w[l];
      assertClose(out[l], BatchedLocalArrays.binned(xl, wl), tol, "value against the scalar code at lane " + l);
      Dual jvp = BatchedLocalArraysDerivatives.binnedJvp(xl, wl, xDotl, wDot[l]);
      assertClose(outValue[l], jvp.value(), tol, "jvp value at lane " + l);
      assertClose(outTangent[l], jvp.tangent(), tol, "jvp tangent at lane " + l);
      var grad = BatchedLocalArraysDerivatives.binnedGrad(xl, wl);
      assertClose(wGrad[l], grad.w(), tol, "w gradient at lane " + l);
      assertClose(wGrad[l], (BatchedLocalArrays.binned(xl, wl + H) - BatchedLocalArrays.binned(xl, wl - H)) / (2 * H),
          1e-6, "w gradient against finite differences at lane " + l);
      for (int i = 0; i < n; i++) {
        assertClose(xGrad[l * n + i], grad.x()[i], tol, "x gradient at lane " + l + ", element " + i);
        double[] up = xl.clone();
        double[] down = xl.clone();
        up[i] += H;
        down[i] -= H;
        double difference = (BatchedLocalArrays.binned(up, wl) - BatchedLocalArrays.binned(down, wl)) / (2 * H);
        assertClose(xGrad[l * n + i], difference, 1e-6,
            "x gradient against finite differences at lane " + l + ", element " + i);
      }
    }
  }
}

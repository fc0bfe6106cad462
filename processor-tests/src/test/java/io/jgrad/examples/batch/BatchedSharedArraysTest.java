package io.jgrad.examples.batch;

import static com.google.common.truth.Truth.assertThat;
import static io.jgrad.examples.batch.LaneTesting.assertClose;
import static io.jgrad.examples.batch.LaneTesting.tolerance;
import static io.jgrad.examples.batch.LaneTesting.uniform;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Dual;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Array parameters shared by all lanes, on every backend, against closed forms and the scalar code; the
 * scalar code of functions whose custom rules take an {@code int[]} too.
 */
class BatchedSharedArraysTest {
  @ParameterizedTest
  @EnumSource(Backend.class)
  void anIntArrayAndANonDiffDoubleArraySharedByAllLanes(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(9);
    int n = 200;
    double[] x = uniform(r, n, -2, 2);
    double[] y = uniform(r, n, -2, 2);
    double[] xDot = uniform(r, n, -0.5, 0.5);
    double[] yDot = uniform(r, n, -0.5, 0.5);
    int[] freq = {2, 1, 3};
    double[] weights = {0.5, -1.5, 0.25};
    double[] value = new double[n];
    BatchedSharedArraysDerivatives.gatheredBatch(x, y, freq, weights, value, backend);
    double[] outValue = new double[n];
    double[] outTangent = new double[n];
    BatchedSharedArraysDerivatives.gatheredJvpBatch(x, y, freq, weights, xDot, yDot, outValue, outTangent, backend);
    double[] xGrad = new double[n];
    double[] yGrad = new double[n];
    BatchedSharedArraysDerivatives.gatheredGradBatch(x, y, freq, weights, xGrad, yGrad, backend);
    double tol = tolerance(backend);
    for (int i = 0; i < n; i++) {
      double f = 2 * x[i];
      double gx = 2;
      double gy = 0;
      for (int k = 0; k < 3; k++) {
        f += weights[k] * Math.sin(freq[k] * x[i]) * Math.cos(k * y[i]);
        gx += weights[k] * freq[k] * Math.cos(freq[k] * x[i]) * Math.cos(k * y[i]);
        gy -= weights[k] * Math.sin(freq[k] * x[i]) * k * Math.sin(k * y[i]);
      }
      assertClose(value[i], f, 1e-12, "value at lane " + i);
      assertClose(value[i], BatchedSharedArrays.gathered(x[i], y[i], freq, weights), tol,
          "value against the scalar code at lane " + i);
      assertClose(xGrad[i], gx, 1e-12, "x gradient at lane " + i);
      assertClose(yGrad[i], gy, 1e-12, "y gradient at lane " + i);
      BatchedSharedArraysDerivatives.GatheredGrad g = BatchedSharedArraysDerivatives.gatheredGrad(x[i], y[i], freq,
          weights);
      assertClose(xGrad[i], g.x(), tol, "x gradient against gatheredGrad at lane " + i);
      assertClose(yGrad[i], g.y(), tol, "y gradient against gatheredGrad at lane " + i);
      Dual jvp = BatchedSharedArraysDerivatives.gatheredJvp(x[i], y[i], freq, weights, xDot[i], yDot[i]);
      assertClose(outTangent[i], jvp.tangent(), tol, "jvp tangent at lane " + i);
      assertClose(outTangent[i], gx * xDot[i] + gy * yDot[i], 1e-12, "jvp tangent, closed form, at lane " + i);
    }
    assertThat(freq).isEqualTo(new int[] {2, 1, 3});
    assertThat(weights).isEqualTo(new double[] {0.5, -1.5, 0.25});
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFloatArrayOutsideWrtIndexedPerLane(Backend backend) {
    OpenCl.requireIf(backend);
    float[] x = {1.5f, -0.5f, 2f, 0.75f};
    float[] weights = {3f, -1f, 0.5f};
    int[] n = {0, 1, 2, 1};
    float[] grad = new float[4];
    BatchedSharedArraysDerivatives.pickFGradBatch(x, weights, n, grad, backend);
    for (int i = 0; i < 4; i++) {
      assertClose(grad[i], 2 * x[i] * weights[n[i]], 1e-5, "gradient at lane " + i);
    }
  }

  @Test
  void aNullSharedArrayIsNamedAndItsLengthIsNotTheBatchs() {
    IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
        () -> BatchedSharedArraysDerivatives.gatheredBatch(new double[2], new double[2], null, new double[3],
            new double[2], Backend.JAVA));
    assertThat(nul).hasMessageThat().contains("freq is null; every lane of a batched kernel reads it");
    double[] out = new double[2];
    BatchedSharedArraysDerivatives.gatheredBatch(new double[] {1, 2}, new double[2], new int[] {1, 1, 1},
        new double[] {1, 0, 0}, out, Backend.JAVA);
    assertThat(out[0]).isWithin(1e-15).of(Math.sin(1) + 1);
  }

  /** Rules that take the shared array: a JVP rule expanded in the lanes, a VJP rule's passes run as code. */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void rulesTakeTheSharedArray(Backend backend) {
    OpenCl.requireIf(backend);
    double[] x = {0.5, 1.0, 1.5, 2.5};
    int[] p = {3, -2};
    double[] powSinGrad = new double[4];
    BatchedSharedArraysDerivatives.powSinGradBatch(x, p, powSinGrad, backend);
    double[] scaledCosGrad = new double[4];
    BatchedSharedArraysDerivatives.scaledCosGradBatch(x, p, scaledCosGrad, backend);
    for (int i = 0; i < 4; i++) {
      double xi = x[i];
      assertClose(powSinGrad[i], 3 * xi * xi * Math.sin(xi) + xi * xi * xi * Math.cos(xi), tolerance(backend),
          "x^3 sin(x) gradient at lane " + i);
      assertClose(scaledCosGrad[i], -2 * -Math.sin(xi), tolerance(backend), "scaled cos gradient at lane " + i);
      assertClose(BatchedSharedArraysDerivatives.powSinGrad(xi, p), powSinGrad[i], tolerance(backend),
          "powSinGrad at lane " + i);
      assertClose(BatchedSharedArraysDerivatives.scaledCosGrad(xi, p), scaledCosGrad[i], tolerance(backend),
          "scaledCosGrad at lane " + i);
    }
  }
}

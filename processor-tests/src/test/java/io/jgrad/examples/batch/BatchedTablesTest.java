package io.jgrad.examples.batch;

import static com.google.common.truth.Truth.assertThat;
import static io.jgrad.examples.batch.LaneTesting.assertClose;
import static io.jgrad.examples.batch.LaneTesting.tolerance;
import static io.jgrad.examples.batch.LaneTesting.uniform;

import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Batch;
import io.jgrad.runtime.Dual;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kernels that read {@code static final} tables, on every backend, against closed forms (the tables'
 * numbers written out again here) and the scalar generated code.
 */
class BatchedTablesTest {
  private static double p(double x) {
    return 1.0 - 0.5 * x + 0.25 * x * x + 0.125 * x * x * x;
  }

  private static double dp(double x) {
    return -0.5 + 0.5 * x + 0.375 * x * x;
  }

  /** Coefficients 0.125, -0.5, 1.0, 0.25 on sin(y), sin(2y), sin(3y), sin(4y). */
  private static double s(double y) {
    return 0.125 * Math.sin(y) - 0.5 * Math.sin(2 * y) + Math.sin(3 * y) + 0.25 * Math.sin(4 * y);
  }

  private static double ds(double y) {
    return 0.125 * Math.cos(y) - Math.cos(2 * y) + 3 * Math.cos(3 * y) + Math.cos(4 * y);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void doubleAndIntTablesMatchTheClosedFormAndTheScalarCode(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(3);
    int n = 300;
    double[] x = uniform(r, n, -2, 2);
    double[] y = uniform(r, n, -2, 2);
    double[] xDot = uniform(r, n, -0.5, 0.5);
    double[] yDot = uniform(r, n, -0.5, 0.5);
    double[] value = new double[n];
    Backend ran = BatchedTablesDerivatives.tabledBatch(x, y, value, backend);
    if (backend != Backend.AUTO) {
      assertThat(ran).isEqualTo(backend);
    }
    double[] outValue = new double[n];
    double[] outTangent = new double[n];
    BatchedTablesDerivatives.tabledJvpBatch(x, y, xDot, yDot, outValue, outTangent, backend);
    double[] xGrad = new double[n];
    double[] yGrad = new double[n];
    BatchedTablesDerivatives.tabledGradBatch(x, y, xGrad, yGrad, backend);
    double tol = tolerance(backend);
    for (int i = 0; i < n; i++) {
      double gx = dp(x[i]) * s(y[i]);
      double gy = p(x[i]) * ds(y[i]);
      assertClose(value[i], p(x[i]) * s(y[i]), 1e-12, "value at lane " + i);
      assertClose(value[i], BatchedTables.tabled(x[i], y[i]), tol, "value against the scalar code at lane " + i);
      assertClose(outValue[i], value[i], tol, "jvp value at lane " + i);
      assertClose(outTangent[i], gx * xDot[i] + gy * yDot[i], 1e-12, "jvp tangent at lane " + i);
      Dual jvp = BatchedTablesDerivatives.tabledJvp(x[i], y[i], xDot[i], yDot[i]);
      assertClose(outTangent[i], jvp.tangent(), tol, "jvp tangent against tabledJvp at lane " + i);
      assertClose(xGrad[i], gx, 1e-12, "x gradient at lane " + i);
      assertClose(yGrad[i], gy, 1e-12, "y gradient at lane " + i);
      BatchedTablesDerivatives.TabledGrad g = BatchedTablesDerivatives.tabledGrad(x[i], y[i]);
      assertClose(xGrad[i], g.x(), tol, "x gradient against tabledGrad at lane " + i);
      assertClose(yGrad[i], g.y(), tol, "y gradient against tabledGrad at lane " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFloatTableInAFloatKernel(Backend backend) {
    OpenCl.requireIf(backend);
    float[] x = {-2f, -0.5f, 0f, 0.25f, 1f, 3f};
    float[] value = new float[x.length];
    float[] grad = new float[x.length];
    BatchedTablesDerivatives.scaledFBatch(x, value, backend);
    BatchedTablesDerivatives.scaledFGradBatch(x, grad, backend);
    for (int i = 0; i < x.length; i++) {
      assertClose(value[i], 1.5 * x[i] * x[i] - 0.5 * x[i], 1e-5, "value at lane " + i);
      assertClose(grad[i], 3.0 * x[i] - 0.5, 1e-5, "gradient at lane " + i);
    }
  }

  /** A session copies a table once; after a write into it, {@code changed(table)} copies it again. */
  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "THREADS", "OPENCL"})
  void aSessionCopiesATableAgainWhenMarkedChanged(Backend backend) {
    OpenCl.requireIf(backend);
    double[] x = {-1.0, 0.5, 2.0};
    double[] grad = new double[3];
    double[] rates = BatchedTables.RATES.clone();
    try (Batch batch = BatchedTablesDerivatives.ratedGradBatchSession(x, grad, backend)) {
      batch.run();
      for (int i = 0; i < 3; i++) {
        assertClose(grad[i], 2.0 - 2.0 * x[i], tolerance(backend), "lane " + i);
      }
      BatchedTables.RATES[0] = 3.0;
      BatchedTables.RATES[1] = 0.5;
      batch.changed(BatchedTables.RATES).run();
      for (int i = 0; i < 3; i++) {
        assertClose(grad[i], 3.0 + x[i], tolerance(backend), "lane " + i + " after the change");
      }
    } finally {
      System.arraycopy(rates, 0, BatchedTables.RATES, 0, rates.length);
    }
  }

  /** A table read by a @CustomVjp rule's backward pass, which the gradient kernel runs as code. */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aTableInACustomVjpRule(Backend backend) {
    OpenCl.requireIf(backend);
    double[] x = {-1.5, -0.6, 0.0, 0.3, 0.9, 2.0};
    double[] grad = new double[x.length];
    BatchedTablesDerivatives.clippedSinGradBatch(x, grad, backend);
    for (int i = 0; i < x.length; i++) {
      double want = Math.max(-0.5, Math.min(1.0, 2 * Math.cos(2 * x[i])));
      assertClose(grad[i], want, tolerance(backend), "gradient at lane " + i);
      assertClose(grad[i], BatchedTablesDerivatives.clippedSinGrad(x[i]), tolerance(backend),
          "gradient against clippedSinGrad at lane " + i);
    }
  }
}

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
 * Non-differentiated parameters given per lane ({@code @Batched(perLane = ...)}) on every backend,
 * against closed forms and the scalar generated code called with each lane's values.
 */
class BatchedPerLaneTest {
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aTripCountAConstantAndAFlagPerLane(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(5);
    int n = 257;
    double[] x = uniform(r, n, -3, 3);
    double[] scale = uniform(r, n, -1, 1);
    double[] xDot = uniform(r, n, -0.5, 0.5);
    int[] terms = new int[n];
    boolean[] flip = new boolean[n];
    for (int i = 0; i < n; i++) {
      terms[i] = i % 7;
      flip[i] = i % 3 == 0;
    }
    long shift = 4;
    double[] value = new double[n];
    BatchedPerLaneDerivatives.seriesBatch(x, terms, scale, flip, shift, value, backend);
    double[] outValue = new double[n];
    double[] outTangent = new double[n];
    BatchedPerLaneDerivatives.seriesJvpBatch(x, terms, scale, flip, shift, xDot, outValue, outTangent, backend);
    double[] grad = new double[n];
    BatchedPerLaneDerivatives.seriesGradBatch(x, terms, scale, flip, shift, grad, backend);
    double tol = tolerance(backend);
    for (int i = 0; i < n; i++) {
      double sign = flip[i] ? -1 : 1;
      double s = 0;
      double ds = 0;
      for (int k = 1; k <= terms[i]; k++) {
        s += Math.sin(k * x[i]);
        ds += k * Math.cos(k * x[i]);
      }
      assertClose(value[i], sign * scale[i] * s + shift, 1e-12, "value at lane " + i);
      assertClose(value[i], BatchedPerLane.series(x[i], terms[i], scale[i], flip[i], shift), tol,
          "value against the scalar code at lane " + i);
      assertClose(grad[i], sign * scale[i] * ds, 1e-12, "gradient at lane " + i);
      assertClose(grad[i], BatchedPerLaneDerivatives.seriesGrad(x[i], terms[i], scale[i], flip[i], shift), tol,
          "gradient against seriesGrad at lane " + i);
      Dual jvp = BatchedPerLaneDerivatives.seriesJvp(x[i], terms[i], scale[i], flip[i], shift, xDot[i]);
      assertClose(outValue[i], jvp.value(), tol, "jvp value at lane " + i);
      assertClose(outTangent[i], jvp.tangent(), tol, "jvp tangent at lane " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aParameterOutsideWrtAndALongPerLane(Backend backend) {
    OpenCl.requireIf(backend);
    double[] x = {-1.0, 0.0, 0.5, 2.0};
    double[] y = {3.0, -2.0, 0.25, 1.5};
    long[] rate = {0, 1, 2, 3};
    double[] grad = new double[4];
    BatchedPerLaneDerivatives.decayGradBatch(x, y, rate, grad, backend);
    for (int i = 0; i < 4; i++) {
      assertClose(grad[i], -rate[i] * Math.exp(-rate[i] * x[i]) * y[i], tolerance(backend), "gradient at lane " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFloatKernelWithAnIntPerLane(Backend backend) {
    OpenCl.requireIf(backend);
    float[] x = {1.5f, -0.5f, 2f, 0.75f};
    int[] n = {0, 1, 2, 5};
    float[] grad = new float[4];
    BatchedPerLaneDerivatives.powerFGradBatch(x, n, grad, backend);
    for (int i = 0; i < 4; i++) {
      assertClose(grad[i], n[i] * Math.pow(x[i], n[i] - 1), 1e-5, "gradient at lane " + i);
    }
  }

  @Test
  void perLaneArraysAreCheckedByName() {
    IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
        () -> BatchedPerLaneDerivatives.seriesBatch(new double[2], null, new double[2], new boolean[2], 0L,
            new double[2], Backend.JAVA));
    assertThat(nul).hasMessageThat().contains("terms is null");
    IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
        () -> BatchedPerLaneDerivatives.seriesGradBatch(new double[2], new int[2], new double[2], new boolean[3],
            0L, new double[2], Backend.THREADS));
    assertThat(len).hasMessageThat().contains("flip has 3 elements but the batch has 2 lanes");
    IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
        () -> BatchedPerLaneDerivatives.decayBatch(new double[2], new double[2], new long[1], new double[2],
            Backend.JAVA));
    assertThat(rate).hasMessageThat().contains("rate has 1 elements but the batch has 2 lanes");
  }
}

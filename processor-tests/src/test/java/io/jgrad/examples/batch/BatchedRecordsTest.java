package io.jgrad.examples.batch;

import static com.google.common.truth.Truth.assertThat;
import static io.jgrad.examples.batch.LaneTesting.assertClose;
import static io.jgrad.examples.batch.LaneTesting.tolerance;
import static io.jgrad.examples.batch.LaneTesting.uniform;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.examples.batch.BatchedRecords.FloatPoint;
import io.jgrad.examples.batch.BatchedRecords.Layer;
import io.jgrad.examples.batch.BatchedRecords.Particle;
import io.jgrad.examples.batch.BatchedRecords.Point;
import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Dual;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Records given per lane as one array per leaf, on every backend: each lane's value, JVP and gradient
 * against the scalar generated code on that lane's record and against closed forms.
 */
class BatchedRecordsTest {
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aNestedRecordPerLaneWithAnIntComponent(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(11);
    int n = 60;
    double[] x = uniform(r, n, -2, 2);
    double[] y = uniform(r, n, -2, 2);
    double[] mass = uniform(r, n, 0.5, 2);
    int[] charge = new int[n];
    for (int i = 0; i < n; i++) {
      charge[i] = i % 3 - 1;
    }
    double[] k = uniform(r, n, -1, 1);
    double[] xDot = uniform(r, n, -1, 1);
    double[] yDot = uniform(r, n, -1, 1);
    double[] massDot = uniform(r, n, -1, 1);
    double[] kDot = uniform(r, n, -1, 1);
    double[] out = new double[n];
    BatchedRecordsDerivatives.energyBatch(x, y, mass, charge, k, out, backend);
    double[] outValue = new double[n];
    double[] outTangent = new double[n];
    BatchedRecordsDerivatives.energyJvpBatch(x, y, mass, charge, k, xDot, yDot, massDot, kDot, outValue, outTangent,
        backend);
    double[] xGrad = new double[n];
    double[] yGrad = new double[n];
    double[] massGrad = new double[n];
    double[] kGrad = new double[n];
    BatchedRecordsDerivatives.energyGradBatch(x, y, mass, charge, k, xGrad, yGrad, massGrad, kGrad, backend);
    double tol = tolerance(backend);
    for (int i = 0; i < n; i++) {
      Particle q = new Particle(new Point(x[i], y[i]), mass[i], charge[i]);
      double r2 = x[i] * x[i] + y[i] * y[i];
      assertClose(out[i], k[i] * mass[i] * r2 + charge[i] * Math.sin(x[i]), 1e-12, "value at lane " + i);
      assertClose(out[i], BatchedRecords.energy(q, k[i]), tol, "value against the scalar code at lane " + i);
      double gx = 2 * k[i] * mass[i] * x[i] + charge[i] * Math.cos(x[i]);
      double gy = 2 * k[i] * mass[i] * y[i];
      assertClose(xGrad[i], gx, 1e-12, "q.at.x gradient at lane " + i);
      assertClose(yGrad[i], gy, 1e-12, "q.at.y gradient at lane " + i);
      assertClose(massGrad[i], k[i] * r2, 1e-12, "q.mass gradient at lane " + i);
      assertClose(kGrad[i], mass[i] * r2, 1e-12, "k gradient at lane " + i);
      BatchedRecordsDerivatives.EnergyGrad g = BatchedRecordsDerivatives.energyGrad(q, k[i]);
      assertClose(xGrad[i], g.q().at().x(), tol, "q.at.x gradient against energyGrad at lane " + i);
      assertClose(yGrad[i], g.q().at().y(), tol, "q.at.y gradient against energyGrad at lane " + i);
      assertClose(massGrad[i], g.q().mass(), tol, "q.mass gradient against energyGrad at lane " + i);
      assertClose(kGrad[i], g.k(), tol, "k gradient against energyGrad at lane " + i);
      Dual jvp = BatchedRecordsDerivatives.energyJvp(q, k[i],
          new Particle(new Point(xDot[i], yDot[i]), massDot[i], 0), kDot[i]);
      assertClose(outValue[i], jvp.value(), tol, "jvp value at lane " + i);
      assertClose(outTangent[i], jvp.tangent(), tol, "jvp tangent at lane " + i);
      assertClose(outTangent[i], gx * xDot[i] + gy * yDot[i] + k[i] * r2 * massDot[i] + mass[i] * r2 * kDot[i],
          1e-12, "jvp tangent, closed form, at lane " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aNonDiffRecordNamedPerLane(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(13);
    int n = 40;
    double[] px = uniform(r, n, -2, 2);
    double[] py = uniform(r, n, -2, 2);
    double[] cx = uniform(r, n, -1, 1);
    double[] cy = uniform(r, n, -1, 1);
    double[] out = new double[n];
    BatchedRecordsDerivatives.distanceBatch(px, py, cx, cy, out, backend);
    double[] pxGrad = new double[n];
    double[] pyGrad = new double[n];
    BatchedRecordsDerivatives.distanceGradBatch(px, py, cx, cy, pxGrad, pyGrad, backend);
    double tol = tolerance(backend);
    for (int i = 0; i < n; i++) {
      double d = Math.hypot(px[i] - cx[i], py[i] - cy[i]);
      assertClose(out[i], d, 1e-12, "value at lane " + i);
      Point g = BatchedRecordsDerivatives.distanceGrad(new Point(px[i], py[i]), new Point(cx[i], cy[i]));
      assertClose(pxGrad[i], (px[i] - cx[i]) / d, 1e-12, "p.x gradient at lane " + i);
      assertClose(pyGrad[i], (py[i] - cy[i]) / d, 1e-12, "p.y gradient at lane " + i);
      assertClose(pxGrad[i], g.x(), tol, "p.x gradient against distanceGrad at lane " + i);
      assertClose(pyGrad[i], g.y(), tol, "p.y gradient against distanceGrad at lane " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFloatRecordPerLaneAndASharedOne(Backend backend) {
    OpenCl.requireIf(backend);
    float[] px = {0.5f, -1f, 0.25f};
    float[] py = {1f, 0.5f, -0.75f};
    FloatPoint width = new FloatPoint(2f, 0.5f);
    float[] pxGrad = new float[3];
    float[] pyGrad = new float[3];
    BatchedRecordsDerivatives.bumpFGradBatch(px, py, width.x(), width.y(), pxGrad, pyGrad, backend);
    for (int i = 0; i < 3; i++) {
      double e = Math.exp(-(px[i] * px[i] / 2.0 + py[i] * py[i] / 0.5));
      assertClose(pxGrad[i], -e * px[i], 1e-5, "p.x gradient at lane " + i);
      assertClose(pyGrad[i], -e * 4 * py[i], 1e-5, "p.y gradient at lane " + i);
      FloatPoint g = BatchedRecordsDerivatives.bumpFGrad(new FloatPoint(px[i], py[i]), width);
      assertClose(pxGrad[i], g.x(), 1e-5, "p.x gradient against bumpFGrad at lane " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRecordWithAnArrayComponentGivesARowPerLane(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(19);
    int lanes = 20;
    int n = 3;
    double[] w = uniform(r, lanes * n, -1, 1);
    double[] b = uniform(r, lanes, -1, 1);
    double[] x = uniform(r, lanes * n, -1, 1);
    double[] out = new double[lanes];
    BatchedRecordsDerivatives.neuronBatch(w, n, b, x, n, out, backend);
    double[] wGrad = new double[lanes * n];
    double[] bGrad = new double[lanes];
    double[] xGrad = new double[lanes * n];
    BatchedRecordsDerivatives.neuronGradBatch(w, n, b, x, n, wGrad, bGrad, xGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      double s = b[l];
      for (int i = 0; i < n; i++) {
        s += w[l * n + i] * x[l * n + i];
      }
      double t = Math.tanh(s);
      assertClose(out[l], t, 1e-12, "value at lane " + l);
      assertClose(bGrad[l], 1 - t * t, 1e-12, "b gradient at lane " + l);
      BatchedRecordsDerivatives.NeuronGrad g = BatchedRecordsDerivatives.neuronGrad(
          new Layer(java.util.Arrays.copyOfRange(w, l * n, l * n + n), b[l]),
          java.util.Arrays.copyOfRange(x, l * n, l * n + n));
      for (int i = 0; i < n; i++) {
        assertClose(wGrad[l * n + i], (1 - t * t) * x[l * n + i], 1e-12, "w gradient at lane " + l);
        assertClose(xGrad[l * n + i], (1 - t * t) * w[l * n + i], 1e-12, "x gradient at lane " + l);
        assertClose(wGrad[l * n + i], g.layer().w()[i], tol, "w gradient against neuronGrad at lane " + l);
        assertClose(xGrad[l * n + i], g.x()[i], tol, "x gradient against neuronGrad at lane " + l);
      }
    }
  }

  @Test
  void aLeafArrayOfAnotherLengthIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchedRecordsDerivatives.distanceBatch(new double[2], new double[3], new double[2], new double[2],
            new double[2], Backend.JAVA));
    assertThat(e).hasMessageThat().isEqualTo("p_y has 3 elements but the batch has 2 lanes (the length of the first"
        + " array argument)");
  }
}

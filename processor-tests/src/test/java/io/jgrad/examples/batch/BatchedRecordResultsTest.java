package io.jgrad.examples.batch;

import static io.jgrad.examples.batch.LaneTesting.assertClose;
import static io.jgrad.examples.batch.LaneTesting.tolerance;
import static io.jgrad.examples.batch.LaneTesting.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.examples.batch.BatchedRecordResults.P;
import io.jgrad.examples.batch.BatchedRecordResults.Step;
import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Jvp;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Record results per lane, one output array per leaf, on every backend: each lane's leaves and their
 * tangents against the scalar generated code (f, fJvp), closed forms and central finite differences.
 */
class BatchedRecordResultsTest {
  private static final double H = 1e-6;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rotatedPointPerLane(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(21);
    int lanes = 40;
    double[] px = uniform(r, lanes, -2, 2);
    double[] py = uniform(r, lanes, -2, 2);
    double[] a = uniform(r, lanes, -3, 3);
    double[] pxDot = uniform(r, lanes, -1, 1);
    double[] pyDot = uniform(r, lanes, -1, 1);
    double[] aDot = uniform(r, lanes, -1, 1);
    double[] outX = new double[lanes];
    double[] outY = new double[lanes];
    BatchedRecordResultsDerivatives.rotateBatch(px, py, a, outX, outY, backend);
    double[] valueX = new double[lanes];
    double[] valueY = new double[lanes];
    double[] tangentX = new double[lanes];
    double[] tangentY = new double[lanes];
    BatchedRecordResultsDerivatives.rotateJvpBatch(px, py, a, pxDot, pyDot, aDot, valueX, valueY, tangentX,
        tangentY, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      double c = Math.cos(a[l]);
      double s = Math.sin(a[l]);
      assertClose(outX[l], c * px[l] - s * py[l], 1e-12, "x at lane " + l);
      assertClose(outY[l], s * px[l] + c * py[l], 1e-12, "y at lane " + l);
      Jvp<P> jvp = BatchedRecordResultsDerivatives.rotateJvp(new P(px[l], py[l]), a[l], new P(pxDot[l], pyDot[l]),
          aDot[l]);
      assertClose(valueX[l], jvp.value().x(), tol, "jvp value x at lane " + l);
      assertClose(valueY[l], jvp.value().y(), tol, "jvp value y at lane " + l);
      assertClose(tangentX[l], jvp.tangent().x(), tol, "jvp tangent x at lane " + l);
      assertClose(tangentY[l], jvp.tangent().y(), tol, "jvp tangent y at lane " + l);
      // d(R(a) p) = R(a) ṗ + R'(a) p ȧ, R'(a) = [[-s, -c], [c, -s]].
      assertClose(tangentX[l], c * pxDot[l] - s * pyDot[l] + (-s * px[l] - c * py[l]) * aDot[l], 1e-12,
          "jvp tangent x, closed form, at lane " + l);
      assertClose(tangentY[l], s * pxDot[l] + c * pyDot[l] + (c * px[l] - s * py[l]) * aDot[l], 1e-12,
          "jvp tangent y, closed form, at lane " + l);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void nestedStepWithAnIntLeafFromARow(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(22);
    int lanes = 30;
    int n = 5;
    double[] t = uniform(r, lanes, -2, 2);
    double[] h = uniform(r, lanes, 0.1, 1);
    double[] w = uniform(r, lanes * n, -1, 1);
    double[] tDot = uniform(r, lanes, -1, 1);
    double[] hDot = uniform(r, lanes, -1, 1);
    double[] wDot = uniform(r, lanes * n, -1, 1);
    double[] outX = new double[lanes];
    double[] outY = new double[lanes];
    double[] outSpeed = new double[lanes];
    int[] outTurns = new int[lanes];
    BatchedRecordResultsDerivatives.stepBatch(t, h, w, n, outX, outY, outSpeed, outTurns, backend);
    double[] valueX = new double[lanes];
    double[] valueY = new double[lanes];
    double[] valueSpeed = new double[lanes];
    int[] valueTurns = new int[lanes];
    double[] tangentX = new double[lanes];
    double[] tangentY = new double[lanes];
    double[] tangentSpeed = new double[lanes];
    BatchedRecordResultsDerivatives.stepJvpBatch(t, h, w, n, tDot, hDot, wDot, valueX, valueY, valueSpeed,
        valueTurns, tangentX, tangentY, tangentSpeed, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      double[] wl = Arrays.copyOfRange(w, l * n, (l + 1) * n);
      double[] wDotl = Arrays.copyOfRange(wDot, l * n, (l + 1) * n);
      Step step = BatchedRecordResults.step(t[l], h[l], wl);
      assertClose(outX[l], step.at().x(), tol, "at.x at lane " + l);
      assertClose(outY[l], step.at().y(), tol, "at.y at lane " + l);
      assertClose(outSpeed[l], step.speed(), tol, "speed at lane " + l);
      assertEquals(step.turns(), outTurns[l], "turns at lane " + l);
      assertEquals(step.turns(), valueTurns[l], "jvp turns at lane " + l);
      Jvp<Step> jvp = BatchedRecordResultsDerivatives.stepJvp(t[l], h[l], wl, tDot[l], hDot[l], wDotl);
      assertClose(valueX[l], jvp.value().at().x(), tol, "jvp value at.x at lane " + l);
      assertClose(valueSpeed[l], jvp.value().speed(), tol, "jvp value speed at lane " + l);
      assertClose(tangentX[l], jvp.tangent().at().x(), tol, "jvp tangent at.x at lane " + l);
      assertClose(tangentY[l], jvp.tangent().at().y(), tol, "jvp tangent at.y at lane " + l);
      assertClose(tangentSpeed[l], jvp.tangent().speed(), tol, "jvp tangent speed at lane " + l);
      double[] up = new double[n];
      double[] down = new double[n];
      for (int i = 0; i < n; i++) {
        up[i] = wl[i] + H * wDotl[i];
        down[i] = wl[i] - H * wDotl[i];
      }
      Step plus = BatchedRecordResults.step(t[l] + H * tDot[l], h[l] + H * hDot[l], up);
      Step minus = BatchedRecordResults.step(t[l] - H * tDot[l], h[l] - H * hDot[l], down);
      assertClose(tangentX[l], (plus.at().x() - minus.at().x()) / (2 * H), 1e-6, "at.x against differences, lane " + l);
      assertClose(tangentY[l], (plus.at().y() - minus.at().y()) / (2 * H), 1e-6, "at.y against differences, lane " + l);
      assertClose(tangentSpeed[l], (plus.speed() - minus.speed()) / (2 * H), 1e-6,
          "speed against differences, lane " + l);
    }
  }
}

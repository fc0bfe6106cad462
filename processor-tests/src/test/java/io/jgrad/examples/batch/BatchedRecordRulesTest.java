package io.jgrad.examples.batch;

import static io.jgrad.examples.batch.LaneTesting.assertClose;
import static io.jgrad.examples.batch.LaneTesting.tolerance;
import static io.jgrad.examples.batch.LaneTesting.uniform;

import io.jgrad.examples.batch.BatchedRecordRules.Point;
import io.jgrad.runtime.Backend;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A record per lane through a @CustomVjp rule, on every backend: each lane's value and gradient against
 * the scalar generated code (f, fGrad), the rule's closed form and central differences.
 */
class BatchedRecordRulesTest {
  private static final double H = 1e-6;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void clippedGradientOfARecordPerLane(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(31);
    int lanes = 60;
    double[] px = uniform(r, lanes, -3, 3);
    double[] py = uniform(r, lanes, -2, 2);
    double[] k = uniform(r, lanes, -1, 1);
    double[] out = new double[lanes];
    double[] pxGrad = new double[lanes];
    double[] pyGrad = new double[lanes];
    double[] kGrad = new double[lanes];
    BatchedRecordRulesDerivatives.clippedWaveBatch(px, py, k, out, backend);
    BatchedRecordRulesDerivatives.clippedWaveGradBatch(px, py, k, pxGrad, pyGrad, kGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      Point p = new Point(px[l], py[l]);
      assertClose(out[l], BatchedRecordRules.clippedWave(p, k[l]), tol, "value at lane " + l);
      var grad = BatchedRecordRulesDerivatives.clippedWaveGrad(p, k[l]);
      assertClose(pxGrad[l], grad.p().x(), tol, "p.x gradient against fGrad at lane " + l);
      assertClose(pyGrad[l], grad.p().y(), tol, "p.y gradient against fGrad at lane " + l);
      assertClose(kGrad[l], grad.k(), tol, "k gradient against fGrad at lane " + l);
      // The rule clips the cotangent that reaches x, cos(x) p.y, to [-0.5, 0.5].
      assertClose(pxGrad[l], Math.max(-0.5, Math.min(0.5, Math.cos(px[l]) * py[l])), 1e-12,
          "p.x gradient, clipped, at lane " + l);
      double yDifference = (BatchedRecordRules.clippedWave(new Point(px[l], py[l] + H), k[l])
          - BatchedRecordRules.clippedWave(new Point(px[l], py[l] - H), k[l])) / (2 * H);
      assertClose(pyGrad[l], yDifference, 1e-6, "p.y gradient against finite differences at lane " + l);
      assertClose(kGrad[l], py[l] * py[l], 1e-12, "k gradient, closed form, at lane " + l);
    }
  }
}

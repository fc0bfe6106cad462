package io.jgrad.examples.batch;

import static io.jgrad.examples.batch.LaneTesting.assertClose;
import static io.jgrad.examples.batch.LaneTesting.tolerance;
import static io.jgrad.examples.batch.LaneTesting.uniform;

import io.jgrad.examples.batch.BatchedRecordRules.Point;
import io.jgrad.runtime.Backend;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A record or a row of weights per lane through a @CustomVjp rule, on every backend: each lane's value and gradient against
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

  @ParameterizedTest
  @EnumSource(Backend.class)
  void clippedGradientWithARowOfWeightsPerLane(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(32);
    int lanes = 40;
    int n = 3;
    double[] x = uniform(r, lanes, -2, 2);
    double[] w = uniform(r, lanes * n, -1, 1);
    double[] out = new double[lanes];
    double[] xGrad = new double[lanes];
    BatchedRecordRulesDerivatives.clippedNormBatch(x, w, n, out, backend);
    BatchedRecordRulesDerivatives.clippedNormGradBatch(x, w, n, xGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      double[] wl = Arrays.copyOfRange(w, l * n, (l + 1) * n);
      double s = Arrays.stream(wl).map(v -> v * v).sum();
      assertClose(out[l], BatchedRecordRules.clippedNorm(x[l], wl), tol, "value at lane " + l);
      assertClose(xGrad[l], BatchedRecordRulesDerivatives.clippedNormGrad(x[l], wl), tol, "gradient vs fGrad, lane " + l);
      // The cotangent reaching x s is cos(x s), clipped, then times s; plus w_0.
      assertClose(xGrad[l], Math.max(-0.5, Math.min(0.5, Math.cos(x[l] * s))) * s + wl[0], 1e-12,
          "gradient, closed form, at lane " + l);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRecordFunctionsOwnRuleRunsPerLane(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(33);
    int lanes = 50;
    double[] px = uniform(r, lanes, -2, 2);
    double[] py = uniform(r, lanes, -2, 2);
    double[] k = uniform(r, lanes, 0.2, 1.5);
    double[] out = new double[lanes];
    double[] pxGrad = new double[lanes];
    double[] pyGrad = new double[lanes];
    double[] kGrad = new double[lanes];
    BatchedRecordRulesDerivatives.softRadiusBatch(px, py, k, out, backend);
    BatchedRecordRulesDerivatives.softRadiusGradBatch(px, py, k, pxGrad, pyGrad, kGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      Point p = new Point(px[l], py[l]);
      double radius = Math.hypot(px[l], py[l]);
      assertClose(out[l], BatchedRecordRules.softRadius(p, k[l]), tol, "value at lane " + l);
      var grad = BatchedRecordRulesDerivatives.softRadiusGrad(p, k[l]);
      assertClose(pxGrad[l], grad.p().x(), tol, "p.x gradient against fGrad at lane " + l);
      assertClose(pyGrad[l], grad.p().y(), tol, "p.y gradient against fGrad at lane " + l);
      assertClose(kGrad[l], grad.k(), tol, "k gradient against fGrad at lane " + l);
      // The rule's closed form: k p / |p| clipped per leaf to [-0.5, 0.5]; k's gradient is |p|.
      assertClose(pxGrad[l], Math.max(-0.5, Math.min(0.5, k[l] * px[l] / radius)), 1e-12, "p.x, clipped, lane " + l);
      assertClose(pyGrad[l], Math.max(-0.5, Math.min(0.5, k[l] * py[l] / radius)), 1e-12, "p.y, clipped, lane " + l);
      double kDifference = (BatchedRecordRules.softRadius(p, k[l] + H) - BatchedRecordRules.softRadius(p, k[l] - H))
          / (2 * H);
      assertClose(kGrad[l], kDifference, 1e-6, "k gradient against finite differences at lane " + l);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRecordRuleWhoseFwdCallsItsFunctionWithASharedParameter(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(34);
    int lanes = 45;
    double c = 0.8;
    double[] px = uniform(r, lanes, -1.5, 1.5);
    double[] py = uniform(r, lanes, -3, 3);
    double[] out = new double[lanes];
    double[] pxGrad = new double[lanes];
    double[] pyGrad = new double[lanes];
    BatchedRecordRulesDerivatives.clippedEnergyBatch(px, py, c, out, backend);
    BatchedRecordRulesDerivatives.clippedEnergyGradBatch(px, py, c, pxGrad, pyGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      Point p = new Point(px[l], py[l]);
      assertClose(out[l], BatchedRecordRules.clippedEnergy(p, c), tol, "value at lane " + l);
      Point grad = BatchedRecordRulesDerivatives.clippedEnergyGrad(p, c);
      assertClose(pxGrad[l], grad.x(), tol, "p.x gradient against fGrad at lane " + l);
      assertClose(pyGrad[l], grad.y(), tol, "p.y gradient against fGrad at lane " + l);
      assertClose(pxGrad[l], Math.max(-1, Math.min(1, 2 * c * px[l])), 1e-12, "p.x, clipped, at lane " + l);
      double yDifference = (BatchedRecordRules.clippedEnergy(new Point(px[l], py[l] + H), c)
          - BatchedRecordRules.clippedEnergy(new Point(px[l], py[l] - H), c)) / (2 * H);
      assertClose(pyGrad[l], yDifference, 1e-6, "p.y gradient against finite differences at lane " + l);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRecordResultOfARuleOfItsOwnPerLane(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(45);
    int lanes = 40;
    double[] px = uniform(r, lanes, -2, 2);
    double[] py = uniform(r, lanes, -2, 2);
    double[] k = uniform(r, lanes, -2, 2);
    double[] outX = new double[lanes];
    double[] outY = new double[lanes];
    BatchedRecordRulesDerivatives.stretchBatch(px, py, k, outX, outY, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      Point want = BatchedRecordRules.stretch(new Point(px[l], py[l]), k[l]);
      assertClose(outX[l], want.x(), tol, "x leaf against f at lane " + l);
      assertClose(outY[l], want.y(), tol, "y leaf against f at lane " + l);
      assertClose(outX[l], k[l] * px[l], 1e-15, "x leaf, closed form, at lane " + l);
      assertClose(outY[l], k[l] * py[l] * py[l], 1e-15, "y leaf, closed form, at lane " + l);
    }
  }
}

package io.jgrad.examples.batch;

import static io.jgrad.examples.batch.LaneTesting.assertClose;
import static io.jgrad.examples.batch.LaneTesting.tolerance;
import static io.jgrad.examples.batch.LaneTesting.uniform;

import io.jgrad.examples.batch.BatchedRecordJvpRules.Point;
import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Dual;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A record per lane into a function with a custom JVP rule of its own, on every backend: each lane's
 * value, JVP and gradient against the scalar generated code (f, fJvp, fGrad), the rule's closed form
 * and, where the rule is the true derivative, central differences.
 */
class BatchedRecordJvpRulesTest {
  private static final double H = 1e-6;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRuleThatCallsItsFunction(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(41);
    int lanes = 50;
    double[] px = uniform(r, lanes, 0.5, 3);
    double[] py = uniform(r, lanes, -2, 2);
    double[] pxDot = uniform(r, lanes, -1, 1);
    double[] pyDot = uniform(r, lanes, -1, 1);
    double[] out = new double[lanes];
    double[] outValue = new double[lanes];
    double[] outTangent = new double[lanes];
    double[] pxGrad = new double[lanes];
    double[] pyGrad = new double[lanes];
    BatchedRecordJvpRulesDerivatives.radiusBatch(px, py, out, backend);
    BatchedRecordJvpRulesDerivatives.radiusJvpBatch(px, py, pxDot, pyDot, outValue, outTangent, backend);
    BatchedRecordJvpRulesDerivatives.radiusGradBatch(px, py, pxGrad, pyGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      Point p = new Point(px[l], py[l]);
      double norm = Math.hypot(px[l], py[l]);
      assertClose(out[l], BatchedRecordJvpRules.radius(p), tol, "value at lane " + l);
      assertClose(out[l], norm, 1e-12, "value, closed form, at lane " + l);
      Dual jvp = BatchedRecordJvpRulesDerivatives.radiusJvp(p, new Point(pxDot[l], pyDot[l]));
      assertClose(outValue[l], jvp.value(), tol, "jvp value at lane " + l);
      assertClose(outTangent[l], jvp.tangent(), tol, "jvp tangent at lane " + l);
      double along = (BatchedRecordJvpRules.radius(new Point(px[l] + H * pxDot[l], py[l] + H * pyDot[l]))
          - BatchedRecordJvpRules.radius(new Point(px[l] - H * pxDot[l], py[l] - H * pyDot[l]))) / (2 * H);
      assertClose(outTangent[l], along, 1e-7, "jvp tangent against finite differences at lane " + l);
      Point grad = BatchedRecordJvpRulesDerivatives.radiusGrad(p);
      assertClose(pxGrad[l], grad.x(), tol, "p.x gradient at lane " + l);
      assertClose(pyGrad[l], grad.y(), tol, "p.y gradient at lane " + l);
      assertClose(pxGrad[l], px[l] / norm, 1e-12, "p.x gradient, closed form, at lane " + l);
      assertClose(pyGrad[l], py[l] / norm, 1e-12, "p.y gradient, closed form, at lane " + l);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRuleThatIsNotTheBodysDerivative(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(42);
    int lanes = 50;
    double[] px = uniform(r, lanes, -2, 2);
    double[] py = uniform(r, lanes, -2, 2);
    double[] k = uniform(r, lanes, -1, 1);
    double[] pxDot = uniform(r, lanes, -1, 1);
    double[] pyDot = uniform(r, lanes, -1, 1);
    double[] kDot = uniform(r, lanes, -1, 1);
    double[] out = new double[lanes];
    double[] outValue = new double[lanes];
    double[] outTangent = new double[lanes];
    double[] pxGrad = new double[lanes];
    double[] pyGrad = new double[lanes];
    double[] kGrad = new double[lanes];
    BatchedRecordJvpRulesDerivatives.warpedBatch(px, py, k, out, backend);
    BatchedRecordJvpRulesDerivatives.warpedJvpBatch(px, py, k, pxDot, pyDot, kDot, outValue, outTangent, backend);
    BatchedRecordJvpRulesDerivatives.warpedGradBatch(px, py, k, pxGrad, pyGrad, kGrad, backend);
    double tol = tolerance(backend);
    for (int l = 0; l < lanes; l++) {
      Point p = new Point(px[l], py[l]);
      assertClose(out[l], BatchedRecordJvpRules.warped(p, k[l]), tol, "value at lane " + l);
      Dual jvp = BatchedRecordJvpRulesDerivatives.warpedJvp(p, k[l], new Point(pxDot[l], pyDot[l]), kDot[l]);
      assertClose(outValue[l], jvp.value(), tol, "jvp value at lane " + l);
      assertClose(outTangent[l], jvp.tangent(), tol, "jvp tangent at lane " + l);
      // The rule's tangent, twice the derivative along p.y.
      assertClose(outTangent[l], k[l] * pxDot[l] + px[l] * kDot[l] + 2 * Math.cos(py[l]) * pyDot[l], 1e-12,
          "jvp tangent, the rule's closed form, at lane " + l);
      var grad = BatchedRecordJvpRulesDerivatives.warpedGrad(p, k[l]);
      assertClose(pxGrad[l], grad.p().x(), tol, "p.x gradient at lane " + l);
      assertClose(pyGrad[l], grad.p().y(), tol, "p.y gradient at lane " + l);
      assertClose(kGrad[l], grad.k(), tol, "k gradient at lane " + l);
      assertClose(pxGrad[l], k[l], 1e-12, "p.x gradient, the rule's, at lane " + l);
      assertClose(pyGrad[l], 2 * Math.cos(py[l]), 1e-12, "p.y gradient, the rule's, at lane " + l);
      assertClose(kGrad[l], px[l], 1e-12, "k gradient, the rule's, at lane " + l);
    }
  }
}

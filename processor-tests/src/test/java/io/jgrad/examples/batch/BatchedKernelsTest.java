package io.jgrad.examples.batch;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Batch;
import io.jgrad.runtime.BackendUnavailableException;
import io.jgrad.runtime.Dual;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every backend against the scalar generated code: values against the function itself, kernel
 * JVPs against {@code fJvp}, kernel gradients (forward mode) against {@code fGrad} (reverse mode).
 * CPU backends run the same lane code as OpenCL; OpenCL's math library may differ by a few ulps,
 * hence a relative tolerance of 1e-12 for doubles (1e-5 for floats) there and 1e-13 on the CPU.
 */
class BatchedKernelsTest {
  private static double tolerance(Backend b) {
    return b == Backend.OPENCL ? 1e-12 : 1e-13;
  }

  private static void assertClose(double actual, double expected, double rel, String what) {
    if (actual == expected) {
      return;
    }
    double scale = Math.max(1.0, Math.abs(expected));
    if (!(Math.abs(actual - expected) <= rel * scale) && !(Double.isNaN(actual) && Double.isNaN(expected))) {
      throw new AssertionError(what + ": expected " + expected + " but was " + actual);
    }
  }

  private static double[] uniform(Random r, int n, double lo, double hi) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = lo + (hi - lo) * r.nextDouble();
    }
    return a;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void seedVmapOfSinOverArange3(Backend backend) {
    OpenCl.requireIf(backend);
    double[] x = {0.0, 1.0, 2.0};
    double[] out = new double[3];
    BatchedFunctionsDerivatives.sinBatch(x, out, backend);
    for (int i = 0; i < 3; i++) {
      assertClose(out[i], Math.sin(i), tolerance(backend), "sin(" + i + ")");
    }
    assertClose(out[1], 0.8414709848078965, 1e-12, "the notebook's 0.84147096");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void vmapOfGradOfLog1pexpIsTheLogistic(Backend backend) {
    OpenCl.requireIf(backend);
    double[] x = {0.0, 1.0, 2.0};
    double[] grad = new double[3];
    BatchedFunctionsDerivatives.naiveLog1pexpGradBatch(x, grad, backend);
    for (int i = 0; i < 3; i++) {
      assertClose(grad[i], 1 / (1 + Math.exp(-i)), tolerance(backend), "logistic(" + i + ")");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void branchLoopCallsAndSharedParametersMatchTheScalarCode(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(7);
    int n = 2000;
    double[] x = uniform(r, n, -2, 2);
    double[] y = uniform(r, n, -2, 2);
    int steps = 6;
    double scale = 0.75;
    double[] value = new double[n];
    BatchedFunctionsDerivatives.orbitBatch(x, y, steps, scale, value, backend);
    double[] xDot = uniform(r, n, -1, 1);
    double[] yDot = uniform(r, n, -1, 1);
    double[] outValue = new double[n];
    double[] outTangent = new double[n];
    BatchedFunctionsDerivatives.orbitJvpBatch(x, y, steps, scale, xDot, yDot, outValue, outTangent, backend);
    double[] xGrad = new double[n];
    double[] yGrad = new double[n];
    BatchedFunctionsDerivatives.orbitGradBatch(x, y, steps, scale, xGrad, yGrad, backend);
    double rel = backend == Backend.OPENCL ? 1e-9 : 1e-11;  // six chained steps amplify ulps
    for (int i = 0; i < n; i++) {
      double want = BatchedFunctions.orbit(x[i], y[i], steps, scale);
      assertClose(value[i], want, rel, "value at lane " + i);
      Dual jvp = BatchedFunctionsDerivatives.orbitJvp(x[i], y[i], steps, scale, xDot[i], yDot[i]);
      assertClose(outValue[i], jvp.value(), rel, "jvp value at lane " + i);
      assertClose(outTangent[i], jvp.tangent(), rel, "jvp tangent at lane " + i);
      BatchedFunctionsDerivatives.OrbitGrad g = BatchedFunctionsDerivatives.orbitGrad(x[i], y[i], steps, scale);
      assertClose(xGrad[i], g.x(), rel, "x gradient at lane " + i);
      assertClose(yGrad[i], g.y(), rel, "y gradient at lane " + i);
    }
  }

  /** Kernels write the same rules as the scalar code: NaN at NaN lanes, the conventions at kinks. */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void kinksAndNaNLanesMatchTheScalarCode(Backend backend) {
    OpenCl.requireIf(backend);
    double nan = Double.NaN;
    double[] x = {nan, 1.0, nan, 0.0, 2.0, -1.5, 0.0};
    double[] y = {1.0, nan, nan, 1.0, 2.0, 0.5, 0.0};
    int n = x.length;
    double[] xDot = {1, 1, 1, 0.5, 1, -1, 1};
    double[] yDot = {0, 1, 0, 2, 0, 1, 1};
    double[] outValue = new double[n];
    double[] outTangent = new double[n];
    BatchedFunctionsDerivatives.kinksJvpBatch(x, y, xDot, yDot, outValue, outTangent, backend);
    double[] xGrad = new double[n];
    double[] yGrad = new double[n];
    BatchedFunctionsDerivatives.kinksGradBatch(x, y, xGrad, yGrad, backend);
    for (int i = 0; i < n; i++) {
      Dual jvp = BatchedFunctionsDerivatives.kinksJvp(x[i], y[i], xDot[i], yDot[i]);
      assertClose(outTangent[i], jvp.tangent(), tolerance(backend), "jvp tangent at lane " + i);
      BatchedFunctionsDerivatives.KinksGrad g = BatchedFunctionsDerivatives.kinksGrad(x[i], y[i]);
      assertClose(xGrad[i], g.x(), tolerance(backend), "x gradient at lane " + i);
      assertClose(yGrad[i], g.y(), tolerance(backend), "y gradient at lane " + i);
    }
    assertThat(xGrad[0]).isNaN();
    assertThat(yGrad[1]).isNaN();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void floatFunctionsGiveFloatKernels(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(11);
    int n = 500;
    float[] x = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextDouble() * 4 - 2);
      y[i] = (float) (r.nextDouble() * 4 - 2);
    }
    float[] xGrad = new float[n];
    float[] yGrad = new float[n];
    BatchedFunctionsDerivatives.smoothFGradBatch(x, y, xGrad, yGrad, backend);
    for (int i = 0; i < n; i++) {
      BatchedFunctionsDerivatives.SmoothFGrad g = BatchedFunctionsDerivatives.smoothFGrad(x[i], y[i]);
      assertClose(xGrad[i], g.x(), 1e-5, "x gradient at lane " + i);
      assertClose(yGrad[i], g.y(), 1e-5, "y gradient at lane " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "THREADS", "OPENCL"})
  void aMillionRandomLanes(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(1_000_000);
    int n = 1_000_000;
    double[] x = uniform(r, n, -30, 30);
    double[] grad = new double[n];
    assertThat(BatchedFunctionsDerivatives.naiveLog1pexpGradBatch(x, grad, backend)).isEqualTo(backend);
    for (int i = 0; i < n; i++) {
      assertClose(grad[i], BatchedFunctionsDerivatives.naiveLog1pexpGrad(x[i]), tolerance(backend), "lane " + i);
    }
  }

  @Test
  void autoSaysWhatItChose() {
    double[] x = {0.5, 1.5};
    try (Batch batch = BatchedFunctionsDerivatives.sinBatchSession(x, new double[2], Backend.AUTO)) {
      assertThat(batch.run().backend()).isAnyOf(Backend.JAVA, Backend.THREADS, Backend.OPENCL);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "OPENCL"})
  void aSessionRunsAgainOnChangedInputs(Backend backend) {
    OpenCl.requireIf(backend);
    double[] x = {0.1, 0.2, 0.3};
    double[] out = new double[3];
    try (Batch batch = BatchedFunctionsDerivatives.sinBatchSession(x, out, backend)) {
      batch.run();
      for (int step = 0; step < 3; step++) {
        for (int i = 0; i < 3; i++) {
          x[i] += 0.5;
        }
        batch.changed(x).run();
        for (int i = 0; i < 3; i++) {
          assertClose(out[i], Math.sin(x[i]), tolerance(backend), "step " + step + " lane " + i);
        }
      }
    }
  }

  @Test
  void badArraysNameTheArgument() {
    IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
        () -> BatchedFunctionsDerivatives.orbitBatch(new double[2], null, 1, 1.0, new double[2], Backend.JAVA));
    assertThat(nul).hasMessageThat().contains("y is null");
    IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
        () -> BatchedFunctionsDerivatives.orbitGradBatch(new double[2], new double[2], 1, 1.0, new double[2],
            new double[3], Backend.THREADS));
    assertThat(len).hasMessageThat().contains("yGrad has 3 elements but the batch has 2 lanes");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void seedVmapOfGradOfLog1pexpWithItsCustomRule(Backend backend) {
    OpenCl.requireIf(backend);
    double[] x = {0.0, 1.0, 2.0, 100.0, 1000.0};
    double[] grad = new double[x.length];
    double[] value = new double[x.length];
    BatchedRulesDerivatives.log1pexpGradBatch(x, grad, backend);
    BatchedRulesDerivatives.log1pexpBatch(x, value, backend);
    for (int i = 0; i < x.length; i++) {
      assertClose(grad[i], 1 / (1 + Math.exp(-x[i])), tolerance(backend), "logistic(" + x[i] + ")");
      assertClose(value[i], BatchedRules.log1pexp(x[i]), tolerance(backend), "log1pexp(" + x[i] + ")");
    }
    // The notebook's [0.5 0.7310586 0.8807971], and 1.0 (not NaN) at 100 and 1000: the rule ran in the kernel.
    assertThat(grad[3]).isEqualTo(1.0);
    assertThat(grad[4]).isEqualTo(1.0);
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "THREADS", "OPENCL"})
  void aRuleWhoseTangentGoesThroughALinearFunctionBatches(Backend backend) {
    OpenCl.requireIf(backend);
    double[] x = {-2.0, -0.3, 0.0, 0.8, 1.9};
    double[] xDot = {1.0, -2.0, 0.5, 3.0, 0.25};
    double[] grad = new double[x.length];
    double[] outValue = new double[x.length];
    double[] outTangent = new double[x.length];
    BatchedRulesDerivatives.scaledSineGradBatch(x, grad, backend);
    BatchedRulesDerivatives.scaledSineJvpBatch(x, xDot, outValue, outTangent, backend);
    for (int i = 0; i < x.length; i++) {
      // d/dx 2.75 sin x = 2.75 cos x, in closed form.
      assertClose(grad[i], 2.75 * Math.cos(x[i]), tolerance(backend), "gradient at " + x[i]);
      assertClose(outValue[i], 2.75 * Math.sin(x[i]), tolerance(backend), "value at " + x[i]);
      assertClose(outTangent[i], 2.75 * Math.cos(x[i]) * xDot[i], tolerance(backend), "tangent at " + x[i]);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rulesInsideKernelsMatchTheScalarCode(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(5);
    int n = 3000;
    double[] x = uniform(r, n, -2, 2);
    double[] y = uniform(r, n, -2, 2);
    double[] xDot = uniform(r, n, -1, 1);
    double[] yDot = uniform(r, n, -1, 1);
    double[] value = new double[n];
    double[] outValue = new double[n];
    double[] outTangent = new double[n];
    double[] xGrad = new double[n];
    double[] yGrad = new double[n];
    double[] fxGrad = new double[n];
    double[] fyGrad = new double[n];
    BatchedRulesDerivatives.callerBatch(x, y, value, backend);
    BatchedRulesDerivatives.callerJvpBatch(x, y, xDot, yDot, outValue, outTangent, backend);
    BatchedRulesDerivatives.callerGradBatch(x, y, xGrad, yGrad, backend);
    BatchedRulesDerivatives.fGradBatch(x, y, fxGrad, fyGrad, backend);
    double rel = backend == Backend.OPENCL ? 1e-11 : 1e-12;
    for (int i = 0; i < n; i++) {
      assertClose(value[i], BatchedRules.caller(x[i], y[i]), rel, "value at lane " + i);
      Dual jvp = BatchedRulesDerivatives.callerJvp(x[i], y[i], xDot[i], yDot[i]);
      assertClose(outValue[i], jvp.value(), rel, "jvp value at lane " + i);
      assertClose(outTangent[i], jvp.tangent(), rel, "jvp tangent at lane " + i);
      BatchedRulesDerivatives.CallerGrad g = BatchedRulesDerivatives.callerGrad(x[i], y[i]);
      assertClose(xGrad[i], g.x(), rel, "x gradient at lane " + i);
      assertClose(yGrad[i], g.y(), rel, "y gradient at lane " + i);
      assertClose(fxGrad[i], Math.cos(x[i]) * y[i], rel, "defjvps x at lane " + i);
      assertClose(fyGrad[i], Math.sin(x[i]), rel, "defjvps y at lane " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "THREADS", "OPENCL"})
  void aCustomVjpFunctionBatchesOnEveryBackend(Backend backend) {
    OpenCl.requireIf(backend);
    double[] t = new double[101];
    for (int i = 0; i < t.length; i++) {
      t[i] = i * 0.1;
    }
    double[] grad = new double[t.length];
    double[] value = new double[t.length];
    assertThat(BatchedVjpRulesDerivatives.clipSinGradBatch(t, grad, backend)).isEqualTo(backend);
    BatchedVjpRulesDerivatives.clipSinBatch(t, value, backend);
    double rel = backend == Backend.OPENCL ? 1e-12 : 0;
    for (int i = 0; i < t.length; i++) {
      // The notebook's clip_sin: the cotangent cos(t) reaching clip_gradient is clipped to [-0.75, 0.75].
      assertClose(grad[i], Math.max(-0.75, Math.min(0.75, Math.cos(t[i]))), Math.max(rel, 1e-15),
          "clipped gradient at " + t[i]);
      assertClose(grad[i], BatchedVjpRulesDerivatives.clipSinGrad(t[i]), rel, "scalar fGrad at " + t[i]);
      assertClose(value[i], Math.sin(t[i]), rel, "value at " + t[i]);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "THREADS", "OPENCL"})
  void aBackwardPassReturningNullIsAZeroGradientInKernels(Backend backend) {
    OpenCl.requireIf(backend);
    double[] t = new double[41];
    for (int i = 0; i < t.length; i++) {
      t[i] = -1 + i * 0.1;
    }
    double[] grad = new double[t.length];
    double[] want = new double[t.length];
    assertThat(BatchedVjpRulesDerivatives.gatedSinGradBatch(t, grad, backend)).isEqualTo(backend);
    BatchedVjpRulesDerivatives.gatedSinZerosGradBatch(t, want, backend);
    double rel = backend == Backend.OPENCL ? 1e-12 : 0;
    for (int i = 0; i < t.length; i++) {
      // gate passes the gradient only where t > 1; elsewhere its backward pass returns null.
      assertClose(grad[i], want[i], 0, "the twin's kernel gradient at " + t[i]);
      assertClose(grad[i], BatchedVjpRulesDerivatives.gatedSinZerosGrad(t[i]), rel, "scalar fGrad at " + t[i]);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "THREADS", "AUTO"})
  void aRuleWhoseBackwardPassPrintsBatchesOnTheCpu(Backend backend) {
    double[] t = {0.25, 0.5};
    double[] grad = new double[t.length];
    java.io.PrintStream out = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(printed, true));
    try {
      assertThat(BatchedVjpRulesDerivatives.showSinGradientGradBatch(t, grad, backend))
          .isAnyOf(Backend.JAVA, Backend.THREADS);
    } finally {
      System.setOut(out);
    }
    for (int i = 0; i < t.length; i++) {
      assertClose(grad[i], Math.cos(t[i]), 1e-15, "gradient at " + t[i]);
    }
    assertThat(printed.toString()).contains("gradient at 0.25 is");
  }

  @Test
  void aRuleWhoseBackwardPassPrintsRefusesOpenClWithTheReason() {
    double[] t = {0.5};
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> BatchedVjpRulesDerivatives.showSinGradientGradBatch(t, new double[1], Backend.OPENCL));
    assertThat(e).hasMessageThat().contains("showSinGradientGradBatch runs on the CPU only: it reaches a @CustomVjp"
        + " rule (showSinGradient → showGradient, which has only a @CustomVjp rule)");
    assertThat(e).hasMessageThat().contains("cannot run in a kernel");
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "OPENCL"})
  void fuzzRegressionsAgreeWithTheScalarCode(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(56);
    int n = 257;
    double[] x = uniform(r, n, -1, 1);
    double[] y = uniform(r, n, -1, 1);
    double[] gx = new double[n];
    double[] gy = new double[n];
    double[] hx = new double[n];
    double[] hy = new double[n];
    BatchedRegressionsDerivatives.doubleMinusGradBatch(x, y, gx, gy, backend);
    BatchedRegressionsDerivatives.namesAndBranchesGradBatch(x, y, hx, hy, backend);
    double[] lx = new double[n];
    double[] ly = new double[n];
    BatchedRegressionsDerivatives.loopEndsBranchGradBatch(x, y, lx, ly, backend);
    for (int i = 0; i < n; i++) {
      BatchedRegressionsDerivatives.DoubleMinusGrad g = BatchedRegressionsDerivatives.doubleMinusGrad(x[i], y[i]);
      assertClose(gx[i], g.x(), 1e-12, "doubleMinus d/dx at lane " + i);
      assertClose(gy[i], g.y(), 1e-12, "doubleMinus d/dy at lane " + i);
      BatchedRegressionsDerivatives.NamesAndBranchesGrad h = BatchedRegressionsDerivatives.namesAndBranchesGrad(x[i], y[i]);
      assertClose(hx[i], h.x(), 1e-12, "namesAndBranches d/dx at lane " + i);
      assertClose(hy[i], h.y(), 1e-12, "namesAndBranches d/dy at lane " + i);
      BatchedRegressionsDerivatives.LoopEndsBranchGrad l = BatchedRegressionsDerivatives.loopEndsBranchGrad(x[i], y[i]);
      assertClose(lx[i], l.x(), 1e-12, "loopEndsBranch d/dx at lane " + i);
      assertClose(ly[i], l.y(), 1e-12, "loopEndsBranch d/dy at lane " + i);
    }
  }
}

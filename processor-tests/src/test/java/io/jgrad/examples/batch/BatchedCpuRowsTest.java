package io.jgrad.examples.batch;

import static io.jgrad.examples.batch.LaneTesting.assertClose;
import static io.jgrad.examples.batch.LaneTesting.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.runtime.Backend;
import io.jgrad.runtime.BackendUnavailableException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rows per lane whose lanes call the scalar code on the CPU (a @CustomVjp rule whose bwd a kernel cannot
 * run): each lane's value and gradient row against f, fGrad, the clipped closed form and central
 * differences, on JAVA, THREADS and AUTO; OPENCL refuses, naming the rule.
 */
class BatchedCpuRowsTest {
  private static final double H = 1e-6;

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "THREADS", "AUTO"})
  void gradientRowsByTheScalarCode(Backend backend) {
    Random r = new Random(43);
    int lanes = 60;
    int n = 3;
    int m = 4;   // the weights' rows are longer than x's: each array has its own row length
    double[] x = uniform(r, lanes * n, -1.5, 1.5);
    double[] k = uniform(r, lanes, -2, 2);
    double[] w = uniform(r, lanes * m, 0.2, 1.2);
    double[] out = new double[lanes];
    double[] xGrad = new double[lanes * n];
    double[] kGrad = new double[lanes];
    assertNotEquals(Backend.OPENCL, BatchedCpuRowsDerivatives.countedWeightedNormBatch(x, n, k, w, m, out, backend));
    long before = BatchedCpuRows.BWD_CALLS.get();
    Backend ran = BatchedCpuRowsDerivatives.countedWeightedNormGradBatch(x, n, k, w, m, xGrad, kGrad, backend);
    assertNotEquals(Backend.OPENCL, ran);
    assertEquals(lanes, BatchedCpuRows.BWD_CALLS.get() - before, "the rule's bwd ran once per lane");
    int unclipped = 0;
    for (int l = 0; l < lanes; l++) {
      double[] xl = Arrays.copyOfRange(x, l * n, (l + 1) * n);
      double[] wl = Arrays.copyOfRange(w, l * m, (l + 1) * m);
      assertClose(out[l], BatchedCpuRows.countedWeightedNorm(xl, k[l], wl), 1e-15, "value at lane " + l);
      var grad = BatchedCpuRowsDerivatives.countedWeightedNormGrad(xl, k[l], wl);
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += wl[i] * xl[i] * xl[i];
      }
      double c = Math.max(-0.5, Math.min(0.5, Math.cos(k[l] * s)));
      for (int i = 0; i < n; i++) {
        double g = xGrad[l * n + i];
        assertClose(g, grad.x()[i], 1e-15, "x[" + i + "] gradient against fGrad at lane " + l);
        assertClose(g, c * k[l] * 2 * wl[i] * xl[i] + (i == 0 ? k[l] : 0), 1e-12,
            "x[" + i + "] gradient, closed form, at lane " + l);
      }
      assertClose(kGrad[l], c * s + xl[0], 1e-12, "k gradient, closed form, at lane " + l);
      if (Math.abs(Math.cos(k[l] * s)) < 0.45) {
        // Where the rule does not clip, the gradient is the function's own derivative.
        unclipped++;
        for (int i = 0; i < n; i++) {
          double[] up = xl.clone();
          double[] down = xl.clone();
          up[i] += H;
          down[i] -= H;
          double difference = (BatchedCpuRows.countedWeightedNorm(up, k[l], wl)
              - BatchedCpuRows.countedWeightedNorm(down, k[l], wl)) / (2 * H);
          assertClose(xGrad[l * n + i], difference, 1e-6, "x[" + i + "] against finite differences, lane " + l);
        }
      }
    }
    assertTrue(unclipped > 5, "enough lanes where the rule does not clip: " + unclipped);
  }

  @Test
  void openClRefusesNamingTheRule() {
    double[] x = new double[6];
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> BatchedCpuRowsDerivatives.countedWeightedNormGradBatch(x, 3, new double[2], new double[6], 3,
            new double[6], new double[2], Backend.OPENCL));
    assertTrue(e.getMessage().contains("countedClip"), e.getMessage());
  }

  @Test
  void rowsThatDoNotFitAreRefusedNamingTheArray() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchedCpuRowsDerivatives.countedWeightedNormGradBatch(new double[7], 3, new double[2],
            new double[6], 3, new double[7], new double[2], Backend.JAVA));
    assertTrue(e.getMessage().contains("x has 7 elements"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BatchedCpuRowsDerivatives.countedWeightedNormGradBatch(new double[6], 3, new double[2],
            new double[6], 3, new double[9], new double[2], Backend.JAVA));
    assertTrue(e.getMessage().contains("xGrad has 9 elements but the batch has 2 lanes"), e.getMessage());
  }
}

package io.jgrad.examples.batch;

import static io.jgrad.examples.batch.LaneTesting.assertClose;
import static io.jgrad.examples.batch.LaneTesting.tolerance;
import static io.jgrad.examples.batch.LaneTesting.uniform;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.runtime.Backend;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A differentiated row per lane through a @CustomVjp rule ({@code @Batched(rowLength)}), on every
 * backend: each lane's value and gradient row against the scalar generated code (f, fGrad), the rule's
 * closed form and central differences where the rule does not clip.
 */
class BatchedRowRulesTest {
  private static final double H = 1e-6;
  private static final int N = BatchedRowRules.N;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void clippedGradientOfARowPerLane(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(41);
    int lanes = 50;
    double[] x = uniform(r, lanes * N, -1.5, 1.5);
    double[] k = uniform(r, lanes, -2, 2);
    double[] out = new double[lanes];
    double[] xGrad = new double[lanes * N];
    double[] kGrad = new double[lanes];
    BatchedRowRulesDerivatives.clippedRowNormBatch(x, N, k, out, backend);
    BatchedRowRulesDerivatives.clippedRowNormGradBatch(x, N, k, xGrad, kGrad, backend);
    double tol = tolerance(backend);
    int unclipped = 0;
    for (int l = 0; l < lanes; l++) {
      double[] xl = Arrays.copyOfRange(x, l * N, (l + 1) * N);
      assertClose(out[l], BatchedRowRules.clippedRowNorm(xl, k[l]), tol, "value at lane " + l);
      var grad = BatchedRowRulesDerivatives.clippedRowNormGrad(xl, k[l]);
      double s = Arrays.stream(xl).map(v -> v * v).sum();
      // The cotangent reaching k s is cos(k s), clipped to [-0.5, 0.5].
      double c = Math.max(-0.5, Math.min(0.5, Math.cos(k[l] * s)));
      for (int i = 0; i < N; i++) {
        double g = xGrad[l * N + i];
        assertClose(g, grad.x()[i], tol, "x[" + i + "] gradient against fGrad at lane " + l);
        assertClose(g, c * k[l] * 2 * xl[i] + (i == 0 ? k[l] : 0), 1e-12,
            "x[" + i + "] gradient, closed form, at lane " + l);
      }
      assertClose(kGrad[l], grad.k(), tol, "k gradient against fGrad at lane " + l);
      assertClose(kGrad[l], c * s + xl[0], 1e-12, "k gradient, closed form, at lane " + l);
      if (Math.abs(Math.cos(k[l] * s)) < 0.45) {
        // Where the rule does not clip, the gradient is the function's own derivative.
        unclipped++;
        for (int i = 0; i < N; i++) {
          double[] up = xl.clone();
          double[] down = xl.clone();
          up[i] += H;
          down[i] -= H;
          double difference = (BatchedRowRules.clippedRowNorm(up, k[l])
              - BatchedRowRules.clippedRowNorm(down, k[l])) / (2 * H);
          assertClose(xGrad[l * N + i], difference, 1e-6, "x[" + i + "] against finite differences, lane " + l);
        }
      }
    }
    assertTrue(unclipped > 5, "enough lanes where the rule does not clip: " + unclipped);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void clippedGradientOfARowSummedInALoop(Backend backend) {
    OpenCl.requireIf(backend);
    Random r = new Random(42);
    int lanes = 50;
    double[] x = uniform(r, lanes * N, -1.5, 1.5);
    double[] k = uniform(r, lanes, -2, 2);
    double[] w = uniform(r, lanes * N, 0.2, 1.2);
    double[] out = new double[lanes];
    double[] xGrad = new double[lanes * N];
    double[] kGrad = new double[lanes];
    BatchedRowRulesDerivatives.clippedWeightedNormBatch(x, N, k, w, N, out, backend);
    BatchedRowRulesDerivatives.clippedWeightedNormGradBatch(x, N, k, w, N, xGrad, kGrad, backend);
    double tol = tolerance(backend);
    int unclipped = 0;
    for (int l = 0; l < lanes; l++) {
      double[] xl = Arrays.copyOfRange(x, l * N, (l + 1) * N);
      double[] wl = Arrays.copyOfRange(w, l * N, (l + 1) * N);
      assertClose(out[l], BatchedRowRules.clippedWeightedNorm(xl, k[l], wl), tol, "value at lane " + l);
      var grad = BatchedRowRulesDerivatives.clippedWeightedNormGrad(xl, k[l], wl);
      double s = 0;
      for (int i = 0; i < N; i++) {
        s += wl[i] * xl[i] * xl[i];
      }
      double c = Math.max(-0.5, Math.min(0.5, Math.cos(k[l] * s)));
      for (int i = 0; i < N; i++) {
        double g = xGrad[l * N + i];
        assertClose(g, grad.x()[i], tol, "x[" + i + "] gradient against fGrad at lane " + l);
        assertClose(g, c * k[l] * 2 * wl[i] * xl[i] + (i == 0 ? k[l] : 0), 1e-12,
            "x[" + i + "] gradient, closed form, at lane " + l);
      }
      assertClose(kGrad[l], grad.k(), tol, "k gradient against fGrad at lane " + l);
      assertClose(kGrad[l], c * s + xl[0], 1e-12, "k gradient, closed form, at lane " + l);
      if (Math.abs(Math.cos(k[l] * s)) < 0.45) {
        unclipped++;
        for (int i = 0; i < N; i++) {
          double[] up = xl.clone();
          double[] down = xl.clone();
          up[i] += H;
          down[i] -= H;
          double difference = (BatchedRowRules.clippedWeightedNorm(up, k[l], wl)
              - BatchedRowRules.clippedWeightedNorm(down, k[l], wl)) / (2 * H);
          assertClose(xGrad[l * N + i], difference, 1e-6, "x[" + i + "] against finite differences, lane " + l);
        }
      }
    }
    assertTrue(unclipped > 5, "enough lanes where the rule does not clip: " + unclipped);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void clippedGradientOfRowsOfTwoLengths(Backend backend) {
    OpenCl.requireIf(backend);
    int m = BatchedRowRules.M;
    Random r = new Random(44);
    int lanes = 50;
    double[] x = uniform(r, lanes * N, -1.2, 1.2);
    double[] y = uniform(r, lanes * m, -1.2, 1.2);
    double[] k = uniform(r, lanes, -2, 2);
    double[] out = new double[lanes];
    double[] xGrad = new double[lanes * N];
    double[] yGrad = new double[lanes * m];
    double[] kGrad = new double[lanes];
    BatchedRowRulesDerivatives.clippedTwoRowsBatch(x, N, y, m, k, out, backend);
    BatchedRowRulesDerivatives.clippedTwoRowsGradBatch(x, N, y, m, k, xGrad, yGrad, kGrad, backend);
    double tol = tolerance(backend);
    int unclipped = 0;
    for (int l = 0; l < lanes; l++) {
      double[] xl = Arrays.copyOfRange(x, l * N, (l + 1) * N);
      double[] yl = Arrays.copyOfRange(y, l * m, (l + 1) * m);
      assertClose(out[l], BatchedRowRules.clippedTwoRows(xl, yl, k[l]), tol, "value at lane " + l);
      var grad = BatchedRowRulesDerivatives.clippedTwoRowsGrad(xl, yl, k[l]);
      double s = Arrays.stream(xl).map(v -> v * v).sum() + yl[0] * yl[1];
      double c = Math.max(-0.5, Math.min(0.5, Math.cos(k[l] * s)));
      double[] yWant = {c * k[l] * yl[1], c * k[l] * yl[0] + xl[0]};
      for (int i = 0; i < N; i++) {
        double g = xGrad[l * N + i];
        assertClose(g, grad.x()[i], tol, "x[" + i + "] gradient against fGrad at lane " + l);
        assertClose(g, c * k[l] * 2 * xl[i] + (i == 0 ? yl[1] : 0), 1e-12,
            "x[" + i + "] gradient, closed form, at lane " + l);
      }
      for (int i = 0; i < m; i++) {
        double g = yGrad[l * m + i];
        assertClose(g, grad.y()[i], tol, "y[" + i + "] gradient against fGrad at lane " + l);
        assertClose(g, yWant[i], 1e-12, "y[" + i + "] gradient, closed form, at lane " + l);
      }
      assertClose(kGrad[l], c * s, 1e-12, "k gradient, closed form, at lane " + l);
      if (Math.abs(Math.cos(k[l] * s)) < 0.45) {
        unclipped++;
        for (int i = 0; i < m; i++) {
          double[] up = yl.clone();
          double[] down = yl.clone();
          up[i] += H;
          down[i] -= H;
          double difference = (BatchedRowRules.clippedTwoRows(xl, up, k[l])
              - BatchedRowRules.clippedTwoRows(xl, down, k[l])) / (2 * H);
          assertClose(yGrad[l * m + i], difference, 1e-6, "y[" + i + "] against finite differences, lane " + l);
        }
      }
    }
    assertTrue(unclipped > 5, "enough lanes where the rule does not clip: " + unclipped);
  }

  @Test
  void aRowOfAnotherLengthThanItsOwnIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchedRowRulesDerivatives.clippedTwoRowsGradBatch(new double[6], N, new double[6], 3,
            new double[2], new double[6], new double[6], new double[2], Backend.JAVA));
    assertTrue(e.getMessage().contains("yRowLength is 3, but @Batched.RowLength(2) on y fixes the rows' length"),
        e.getMessage());
  }

  @Test
  void aRowOfAnotherLengthIsRefusedNamingIt() {
    double[] x = new double[8];
    double[] k = new double[2];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchedRowRulesDerivatives.clippedRowNormGradBatch(x, 4, k, new double[8], new double[2],
            Backend.JAVA));
    assertTrue(e.getMessage().contains("xRowLength is 4, but @Batched(rowLength = 3) fixes the rows' length"),
        e.getMessage());
  }
}

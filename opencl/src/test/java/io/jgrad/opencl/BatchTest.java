package io.jgrad.opencl;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.runtime.Backend;
import io.jgrad.runtime.BackendUnavailableException;
import io.jgrad.runtime.Batch;
import io.jgrad.runtime.internal.Lanes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Batches with jgrad-opencl on the class path: every backend, OPENCL for real under CI=true. */
class BatchTest {
  private static double[] inputs(int n, long seed) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble() * 4 - 1;
    }
    return x;
  }

  private static void assertLanes(double[] x, double[] out, double scale, double ulps) {
    for (int i = 0; i < x.length; i++) {
      double want = SinKernel.expected(x[i], scale);
      assertThat(out[i]).isWithin(ulps * Math.ulp(Math.abs(want)) + 1e-300).of(want);
    }
  }

  private static void requireIfOpenCl(Backend b) {
    if (b == Backend.OPENCL) {
      OpenClAssumptions.requireOpenCl();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyBackendComputesEveryLane(Backend backend) {
    requireIfOpenCl(backend);
    for (int n : new int[] {0, 1, 63, 65, 10_000}) {
      double[] x = inputs(n, n);
      double[] out = new double[n];
      Backend ran = Batch.runOnce("sin", new SinKernel(x, out, 0.5), n, backend, new Object[] {x},
          new Object[] {out});
      if (backend != Backend.AUTO) {
        assertThat(ran).isEqualTo(backend);
      }
      assertLanes(x, out, 0.5, backend == Backend.OPENCL || ran == Backend.OPENCL ? 4 : 0);
    }
  }

  @Test
  void autoSaysWhatItChose() {
    double[] small = inputs(10, 1);
    try (Batch b = Batch.prepare("sin", new SinKernel(small, new double[10], 1), 10, Backend.AUTO,
        new Object[] {small}, new Object[0])) {
      assertThat(b.backend()).isAnyOf(Backend.JAVA, Backend.OPENCL);
      assertThat(b.device()).isNotEmpty();
    }
  }

  @Test
  void openClRefusesAKernelItCannotTranslateInsteadOfFallingBack() {
    OpenClAssumptions.requireOpenCl();
    double[] x = inputs(100, 2);
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> Batch.runOnce("signum", new SignumKernel(x, new double[100]), 100, Backend.OPENCL,
            new Object[] {x}, new Object[0]));
    assertThat(e).hasMessageThat().contains("signum does not compile");
  }

  @Test
  void aSessionKeepsUnchangedInputsOnTheDevice() {
    OpenClAssumptions.requireOpenCl();
    int n = 1000;
    double[] x = inputs(n, 3);
    double[] out = new double[n];
    try (Batch b = Batch.prepare("sin", new SinKernel(x, out, 1), n, Backend.OPENCL, new Object[] {x},
        new Object[] {out})) {
      b.run();
      assertLanes(x, out, 1, 4);
      assertThat(b.copiesToDevice()).isEqualTo(1);
      b.run();
      b.run();
      // Unchanged inputs stay on the device: no copy per launch.
      assertThat(b.copiesToDevice()).isEqualTo(1);
      for (int i = 0; i < n; i++) {
        x[i] += 0.25;
      }
      b.changed(x).run();
      assertThat(b.copiesToDevice()).isEqualTo(2);
      assertLanes(x, out, 1, 4);
      assertThrows(IllegalArgumentException.class, () -> b.changed(out));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "THREADS", "OPENCL"})
  void concurrentCallsGiveEachCallerItsOwnLanes(Backend backend) throws Exception {
    requireIfOpenCl(backend);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int seed = t;
        futures.add(pool.submit(() -> {
          double[] x = inputs(5000, seed);
          double[] out = new double[5000];
          double scale = seed + 1;
          Batch.runOnce("sin", new SinKernel(x, out, scale), 5000, backend, new Object[] {x},
              new Object[] {out});
          assertLanes(x, out, scale, backend == Backend.OPENCL ? 4 : 0);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void openClNamesTheMissingKernelForLanesGeneratedWithoutAparapi() {
    OpenClAssumptions.requireOpenCl();
    double[] x = inputs(10, 4);
    Lanes plain = i -> x[i] = -x[i];
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> Batch.prepare("plain", plain, 10, Backend.OPENCL, new Object[] {x}, new Object[] {x}));
    assertThat(e).hasMessageThat().contains("plain has no OpenCL kernel");
    assertThat(e).hasMessageThat().contains("io.jgrad:jgrad-opencl");
    // AUTO runs such lanes on the CPU instead.
    assertThat(Batch.runOnce("plain", plain, 10, Backend.AUTO, new Object[] {x}, new Object[] {x}))
        .isEqualTo(Backend.JAVA);
  }
}

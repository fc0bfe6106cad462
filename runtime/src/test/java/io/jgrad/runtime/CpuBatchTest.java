package io.jgrad.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.runtime.internal.LaneArrays;
import io.jgrad.runtime.internal.Lanes;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batches on the core runtime alone: this module's test class path has no Aparapi and no
 * jgrad-opencl, as a user's application that never adds them.
 */
class CpuBatchTest {
  /** Lanes of the generated shape, without Aparapi: {@code out[i] = x[i] * x[i] + scale}. */
  private static Lanes squares(double[] x, double[] out, double scale) {
    return i -> out[i] = x[i] * x[i] + scale;
  }

  private static double[] inputs(int n) {
    Random r = new Random(n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble() * 4 - 2;
    }
    return x;
  }

  private static void assertSquares(double[] x, double[] out, double scale) {
    for (int i = 0; i < x.length; i++) {
      assertThat(out[i]).isEqualTo(x[i] * x[i] + scale);
    }
  }

  @Test
  void aparapiIsNotOnThisClassPath() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("com.aparapi.Kernel"));
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "THREADS"})
  void cpuBackendsComputeEveryLaneWithoutAparapi(Backend backend) {
    for (int n : new int[] {0, 1, 63, 10_000}) {
      double[] x = inputs(n);
      double[] out = new double[n];
      assertThat(Batch.runOnce("squares", squares(x, out, 0.5), n, backend, new Object[] {x},
          new Object[] {out})).isEqualTo(backend);
      assertSquares(x, out, 0.5);
    }
  }

  @Test
  void autoWithoutTheOpenClArtifactChoosesByTheNumberOfLanes() {
    double[] small = inputs(10);
    double[] smallOut = new double[10];
    assertThat(Batch.runOnce("squares", squares(small, smallOut, 1), 10, Backend.AUTO, new Object[] {small},
        new Object[] {smallOut})).isEqualTo(Backend.JAVA);
    assertSquares(small, smallOut, 1);
    int n = Batch.PARALLEL_THRESHOLD;
    double[] large = inputs(n);
    double[] largeOut = new double[n];
    Backend expected = Runtime.getRuntime().availableProcessors() > 1 ? Backend.THREADS : Backend.JAVA;
    assertThat(Batch.runOnce("squares", squares(large, largeOut, 2), n, Backend.AUTO, new Object[] {large},
        new Object[] {largeOut})).isEqualTo(expected);
    assertSquares(large, largeOut, 2);
  }

  @Test
  void openClWithoutTheArtifactSaysWhichArtifactToAdd() {
    double[] x = inputs(4);
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> Batch.prepare("squares", squares(x, x, 0), 4, Backend.OPENCL, new Object[] {x}, new Object[] {x}));
    assertThat(e).hasMessageThat().contains("OPENCL backend unavailable");
    assertThat(e).hasMessageThat().contains("add io.jgrad:jgrad-opencl as a dependency");
    assertThat(Batch.openClAvailable()).isFalse();
    assertThat(Batch.openClStatus()).contains("io.jgrad:jgrad-opencl");
  }

  @Test
  void aSessionRunsAgainOnTheChangedInputs() {
    double[] x = inputs(100);
    double[] out = new double[100];
    try (Batch b = Batch.prepare("squares", squares(x, out, 0), 100, Backend.JAVA, new Object[] {x},
        new Object[] {out})) {
      b.run();
      assertSquares(x, out, 0);
      x[7] = 3;
      b.changed(x).run();
      assertThat(out[7]).isEqualTo(9.0);
      assertThat(b.copiesToDevice()).isEqualTo(0);
      assertThat(b.device()).isEqualTo("JAVA");
      assertThrows(IllegalArgumentException.class, () -> b.changed(out));
    }
  }

  @Test
  void badArgumentsNameTheArgument() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> LaneArrays.length("x", (double[]) null)))
        .hasMessageThat().contains("x is null");
    assertThat(assertThrows(IllegalArgumentException.class, () -> LaneArrays.check(3, "out", new double[2])))
        .hasMessageThat().contains("out has 2 elements but the batch has 3 lanes");
    double[] x = new double[1];
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Batch.prepare("squares", squares(x, x, 1), 1, null, new Object[] {x}, new Object[] {x})))
        .hasMessageThat().contains("backend is null");
  }
}

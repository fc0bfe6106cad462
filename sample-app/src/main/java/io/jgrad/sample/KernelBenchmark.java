package io.jgrad.sample;

import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Batch;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Times {@code fGradBatch} kernels on every available backend, in one process, and prints a
 * markdown table: median milliseconds per launch and the speed-up over the JAVA backend. OPENCL is
 * timed twice: a one-shot call (inputs copied each time) and a session run (inputs left on the
 * device). Arguments: lane counts (default 1000000 10000000) and repetitions (default 7).
 */
public final class KernelBenchmark {
  private KernelBenchmark() {}

  /** Runs the table; see the class comment for the arguments. */
  public static void main(String[] args) {
    int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {1_000_000, 10_000_000};
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    System.out.println("OpenCL device: " + Batch.openClStatus() + "; CPU cores: "
        + Runtime.getRuntime().availableProcessors() + "; java " + System.getProperty("java.version"));
    System.out.println();
    System.out.println("| kernel | lanes | backend | median ms | vs JAVA |");
    System.out.println("|---|---|---|---|---|");
    for (int n : sizes) {
      Random r = new Random(n);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = r.nextDouble() * 20 - 10;
      }
      double[] grad = new double[n];
      double[] check = new double[n];
      BatchedExamplesDerivatives.log1pexpGradBatch(x, check, Backend.JAVA);
      double java = 0;
      for (Backend b : new Backend[] {Backend.JAVA, Backend.THREADS, Backend.OPENCL}) {
        if (b == Backend.OPENCL && !Batch.openClAvailable()) {
          continue;
        }
        double ms = median(reps, () -> BatchedExamplesDerivatives.log1pexpGradBatch(x, grad, b));
        verify(grad, check, b);
        java = b == Backend.JAVA ? ms : java;
        row("log1pexpGradBatch", n, b.name(), ms, java);
        if (b == Backend.OPENCL) {
          try (Batch session = BatchedExamplesDerivatives.log1pexpGradBatchSession(x, grad, b)) {
            double resident = median(reps, session::run);
            verify(grad, check, b);
            row("log1pexpGradBatch", n, "OPENCL session", resident, java);
          }
        }
      }
    }
  }

  private static void row(String kernel, int n, String backend, double ms, double java) {
    System.out.println(String.format(Locale.ROOT, "| %s | %,d | %s | %.2f | %.1f× |", kernel, n, backend, ms, java / ms));
  }

  private static void verify(double[] got, double[] want, Backend b) {
    for (int i = 0; i < got.length; i++) {
      if (Math.abs(got[i] - want[i]) > 1e-12 * Math.max(1, Math.abs(want[i]))) {
        throw new AssertionError(b + " lane " + i + ": " + got[i] + " vs " + want[i]);
      }
    }
  }

  private static double median(int reps, Runnable run) {
    run.run();
    run.run();
    double[] ms = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      run.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms[reps / 2];
  }
}

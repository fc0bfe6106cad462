package io.jgrad.bench.report;

import io.jgrad.bench.Inputs;
import io.jgrad.bench.workload.EulerCheckpointedDerivatives;
import io.jgrad.bench.workload.EulerDerivatives;
import io.jgrad.bench.workload.RosenbrockDerivatives;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The memory reverse mode needs, in a JVM of its own started with {@code -Xmx1g}: the Rosenbrock
 * gradient at n = 2·10⁷, and the Euler gradient at 10⁷ steps with and without checkpoints. Each line
 * says whether the call fits and how many bytes it allocates (its tape and its result: what it adds to
 * the heap at its peak), next to the formula. Prints a Markdown list.
 */
public final class HeapCheck {
  private static final double MB = 1 << 20;

  private HeapCheck() {}

  /** Runs the three calls, each after a full collection, and prints what each needed. */
  public static void main(String[] args) {
    int n = 20_000_000;
    double[] x = new double[n];
    Arrays.fill(x, 1.2);
    double inputs = 8.0 * n / MB;
    report("Rosenbrock gradient, n = 2·10⁷ (x and the gradient: " + mb(2 * inputs) + ")",
        () -> RosenbrockDerivatives.rosenbrockGrad(x));
    double[] p = Inputs.EULER_PARAMS;
    int steps = 10_000_000;
    double dt = 1e-6;
    report("Euler gradient, 10⁷ steps, every step taped (2 doubles a step: " + mb(16.0 * steps / MB) + ")",
        () -> EulerDerivatives.lotkaVolterraGrad(p[0], p[1], p[2], p[3], Inputs.EULER_U0, Inputs.EULER_V0, dt,
            steps));
    int every = (int) Math.ceil(Math.sqrt(steps));
    report("Euler gradient, 10⁷ steps, checkpointLoops (" + every + " checkpoints of 2 doubles and one stretch of "
        + every + " steps of 2 doubles: " + mb(2 * 16.0 * every / MB) + ")",
        () -> EulerCheckpointedDerivatives.lotkaVolterraGrad(p[0], p[1], p[2], p[3], Inputs.EULER_U0,
            Inputs.EULER_V0, dt, steps));
  }

  private static void report(String what, Supplier<Object> call) {
    System.gc();
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    try {
      Object result = call.get();
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      System.out.println("- " + what + ": fits in -Xmx1g; the call allocates " + mb(allocated / MB)
          + (result instanceof double[] g ? " (" + g.length + " components)" : ""));
    } catch (OutOfMemoryError e) {
      System.out.println("- " + what + ": **out of memory** under -Xmx1g");
    }
  }

  private static String mb(double megabytes) {
    return String.format(Locale.ROOT, "%.1f MB", megabytes);
  }
}

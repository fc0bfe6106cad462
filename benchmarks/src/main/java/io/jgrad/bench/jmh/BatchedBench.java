package io.jgrad.bench.jmh;

import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.hand.HandScalar;
import io.jgrad.bench.workload.Scalar;
import io.jgrad.bench.workload.ScalarDerivatives;
import io.jgrad.runtime.Backend;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code vmap(grad(log1pexp))}: the generated {@code log1pexpGradBatch} kernel on the CPU backends
 * against a plain loop over the hand-written derivative. OpenCL is {@link BatchedOpenClBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Workload(value = "vmap(grad(log1pexp)) kernels", order = 6)
public class BatchedBench {
  /** Lanes (the report's n). */
  @Param({"1000000", "10000000"})
  public int n;

  double[] x;
  private double[] out;

  /** Random lanes in [-10, 10], then the cross-check. */
  @Setup
  public void setUp() {
    x = lanes(n);
    out = new double[n];
    CrossCheck.verify(this);
  }

  static double[] lanes(int n) {
    Random r = new Random(n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble() * 20 - 10;
    }
    return x;
  }

  /** The primal in a loop. */
  @Benchmark
  public double[] hand_value() {
    for (int i = 0; i < x.length; i++) {
      out[i] = Scalar.log1pexp(x[i]);
    }
    return out;
  }

  /** The hand-written derivative in a loop: the reference. */
  @Benchmark
  public double[] hand_grad() {
    for (int i = 0; i < x.length; i++) {
      out[i] = HandScalar.log1pexpGrad(x[i]);
    }
    return out;
  }

  /** The kernel's lanes in order on this thread (Backend.JAVA): like for like with the loop above. */
  @Benchmark
  public double[] jgrad_grad() {
    ScalarDerivatives.log1pexpGradBatch(x, out, Backend.JAVA);
    return out;
  }

  /** The kernel's lanes on all cores. */
  @Benchmark
  public double[] jgradThreads_grad() {
    ScalarDerivatives.log1pexpGradBatch(x, out, Backend.THREADS);
    return out;
  }
}

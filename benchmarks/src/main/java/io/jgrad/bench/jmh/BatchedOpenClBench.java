package io.jgrad.bench.jmh;

import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.hand.HandScalar;
import io.jgrad.bench.workload.ScalarDerivatives;
import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Batch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The same kernel on OpenCL (a GPU if present, else PoCL): one-shot calls, which copy the inputs
 * every time, and a session, whose inputs stay on the device. Needs an OpenCL device.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Workload(value = "vmap(grad(log1pexp)) kernels", order = 6)
public class BatchedOpenClBench {
  /** Lanes (the report's n). */
  @Param({"1000000", "10000000"})
  public int n;

  private double[] x;
  private double[] out;
  private Batch session;

  /** Random lanes in [-10, 10], the resident session, then the cross-check. */
  @Setup
  public void setUp() {
    x = BatchedBench.lanes(n);
    out = new double[n];
    session = ScalarDerivatives.log1pexpGradBatchSession(x, out, Backend.OPENCL);
    CrossCheck.verify(this);
  }

  /** Releases the device buffers. */
  @TearDown
  public void tearDown() {
    session.close();
  }

  /** The hand-written derivative in a loop: the reference. */
  public double[] hand_grad() {
    double[] ref = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      ref[i] = HandScalar.log1pexpGrad(x[i]);
    }
    return ref;
  }

  /** One call: inputs copied to the device, outputs back. */
  @Benchmark
  public double[] jgradOpencl_grad() {
    ScalarDerivatives.log1pexpGradBatch(x, out, Backend.OPENCL);
    return out;
  }

  /** The session: inputs already on the device, outputs copied back. */
  @Benchmark
  public double[] jgradOpenclSession_grad() {
    session.run();
    return out;
  }
}

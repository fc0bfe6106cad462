package io.jgrad.bench.jmh;

import ai.djl.ndarray.NDManager;
import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.hand.HandRosenbrock;
import io.jgrad.bench.peer.DjlPeer;
import io.jgrad.bench.peer.TensorFlowPeer;
import io.jgrad.bench.peer.TfFunction;
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

/** Rosenbrock's gradient in the native peers, vectorised. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "Rosenbrock", order = 3)
public class RosenbrockNativeBench {
  /** Number of variables. */
  @Param({"10", "1000", "100000"})
  public int n;

  private double[] x;
  private TfFunction tf;
  private NDManager djl;

  /** Builds the graph and the engine, then cross-checks before anything is timed. */
  @Setup
  public void setUp() {
    x = Inputs.rosenbrockPoint(n);
    tf = TensorFlowPeer.rosenbrock(n);
    djl = DjlPeer.manager();
    CrossCheck.verify(this);
  }

  /** Frees the native resources. */
  @TearDown
  public void tearDown() {
    tf.close();
    djl.close();
  }

  /** The reference for the cross-check (timed in {@link RosenbrockBench}). */
  public double[] hand_grad() {
    return HandRosenbrock.grad(x);
  }

  /** TensorFlow Java, graph mode. */
  @Benchmark
  public double[] tf_grad() {
    return tf.run(x);
  }

  /** DJL, PyTorch engine. */
  @Benchmark
  public double[] djl_grad() {
    return DjlPeer.rosenbrockGrad(djl, x);
  }
}

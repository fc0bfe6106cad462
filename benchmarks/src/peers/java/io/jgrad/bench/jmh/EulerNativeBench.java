package io.jgrad.bench.jmh;

import ai.djl.ndarray.NDManager;
import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.hand.HandEuler;
import io.jgrad.bench.peer.DjlPeer;
import io.jgrad.bench.peer.TensorFlowPeer;
import io.jgrad.bench.peer.TfFunction;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The Euler workload's gradient in the native peers: TensorFlow unrolls the loop into its graph, PyTorch runs it eagerly. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "Euler ODE (1000 steps)", order = 5)
public class EulerNativeBench {
  private double[] p;
  private TfFunction tf;
  private NDManager djl;

  /** Builds the graph and the engine, then cross-checks before anything is timed. */
  @Setup
  public void setUp() {
    p = Inputs.EULER_PARAMS.clone();
    tf = TensorFlowPeer.euler(Inputs.EULER_U0, Inputs.EULER_V0, Inputs.EULER_DT, Inputs.EULER_STEPS);
    djl = DjlPeer.manager();
    CrossCheck.verify(this);
  }

  /** Frees the native resources. */
  @TearDown
  public void tearDown() {
    tf.close();
    djl.close();
  }

  /** The reference for the cross-check (timed in {@link EulerBench}). */
  public double[] hand_grad() {
    return HandEuler.grad(p[0], p[1], p[2], p[3], Inputs.EULER_U0, Inputs.EULER_V0, Inputs.EULER_DT, Inputs.EULER_STEPS);
  }

  /** TensorFlow Java, graph mode. */
  @Benchmark
  public double[] tf_grad() {
    return tf.run(new double[] {p[0]}, new double[] {p[1]}, new double[] {p[2]}, new double[] {p[3]});
  }

  /** DJL, PyTorch engine. */
  @Benchmark
  public double[] djl_grad() {
    return DjlPeer.eulerGrad(djl, p, Inputs.EULER_U0, Inputs.EULER_V0, Inputs.EULER_DT, Inputs.EULER_STEPS);
  }
}

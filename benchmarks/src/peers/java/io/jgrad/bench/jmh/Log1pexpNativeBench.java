package io.jgrad.bench.jmh;

import ai.djl.ndarray.NDManager;
import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.hand.HandScalar;
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

/** {@code log1pexp}'s derivative in the native peers. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "log1pexp (custom JVP rule)", order = 2)
public class Log1pexpNativeBench {
  private double x;
  private TfFunction tf;
  private NDManager djl;

  /** Builds the graph and the engine, then cross-checks before anything is timed. */
  @Setup
  public void setUp() {
    x = Inputs.LOG1PEXP_X;
    tf = TensorFlowPeer.log1pexp();
    djl = DjlPeer.manager();
    CrossCheck.verify(this);
  }

  /** Frees the native resources. */
  @TearDown
  public void tearDown() {
    tf.close();
    djl.close();
  }

  /** The reference for the cross-check (timed in {@link Log1pexpBench}). */
  public double hand_grad() {
    return HandScalar.log1pexpGrad(x);
  }

  /** TensorFlow Java, graph mode. */
  @Benchmark
  public double[] tf_grad() {
    return tf.run(new double[] {x});
  }

  /** DJL, PyTorch engine. */
  @Benchmark
  public double djl_grad() {
    return DjlPeer.log1pexpGrad(djl, x);
  }
}

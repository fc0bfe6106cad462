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

/** {@code f(x, y) = sin(x)·y}, value and gradient, in the native peers. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "f(x, y) = sin(x)·y", order = 1)
public class ScalarNativeBench {
  private double x;
  private double y;
  private TfFunction tf;
  private NDManager djl;

  /** Builds the graph and the engine, then cross-checks before anything is timed. */
  @Setup
  public void setUp() {
    x = Inputs.X;
    y = Inputs.Y;
    tf = TensorFlowPeer.f();
    djl = DjlPeer.manager();
    CrossCheck.verify(this);
  }

  /** Frees the native resources. */
  @TearDown
  public void tearDown() {
    tf.close();
    djl.close();
  }

  /** The reference for the cross-check (timed in {@link ScalarBench}). */
  public Object hand_valueAndGrad() {
    return HandScalar.fValueAndGrad(x, y);
  }

  /** TensorFlow Java, graph mode. */
  @Benchmark
  public double[] tf_valueAndGrad() {
    return tf.run(new double[] {x}, new double[] {y});
  }

  /** DJL, PyTorch engine. */
  @Benchmark
  public double[] djl_valueAndGrad() {
    return DjlPeer.fValueAndGrad(djl, x, y);
  }
}

package io.jgrad.bench.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.hand.HandMlp;
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

/** The MLP loss' gradient in the native peers; the samples live on the native side, made once. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "MLP loss (1000 × 32)", order = 4)
public class MlpNativeBench {
  private double[] w;
  private double b;
  private double[] x;
  private TfFunction tf;
  private NDManager djl;
  private NDArray samples;

  /** Builds the graph and the engine, then cross-checks before anything is timed. */
  @Setup
  public void setUp() {
    w = Inputs.mlpWeights();
    b = Inputs.mlpBias();
    x = Inputs.mlpSamples();
    tf = TensorFlowPeer.mlp(x, w.length);
    djl = DjlPeer.manager();
    samples = djl.create(x, new Shape(x.length / w.length, w.length));
    CrossCheck.verify(this);
  }

  /** Frees the native resources. */
  @TearDown
  public void tearDown() {
    tf.close();
    djl.close();
  }

  /** The reference for the cross-check (timed in {@link MlpBench}). */
  public Object hand_grad() {
    return HandMlp.grad(w, b, x);
  }

  /** TensorFlow Java, graph mode. */
  @Benchmark
  public double[] tf_grad() {
    return tf.run(w, new double[] {b});
  }

  /** DJL, PyTorch engine. */
  @Benchmark
  public double[] djl_grad() {
    return DjlPeer.mlpGrad(djl, w, b, samples);
  }
}

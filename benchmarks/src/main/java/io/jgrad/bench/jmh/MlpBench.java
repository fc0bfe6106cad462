package io.jgrad.bench.jmh;

import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.fd.FiniteDifferences;
import io.jgrad.bench.hand.HandMlp;
import io.jgrad.bench.peer.FinmathPeer;
import io.jgrad.bench.peer.HipparchusPeer;
import io.jgrad.bench.workload.Mlp;
import io.jgrad.bench.workload.MlpDerivatives;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import net.finmath.stochastic.RandomVariable;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The MLP-like loss over 1,000 samples of dimension 32: gradient with respect to {@code w} and {@code b}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "MLP loss (1000 × 32)", order = 4)
public class MlpBench {
  private double[] w;
  private double b;
  private double[] x;
  private RandomVariable[] columns;
  private DSFactory structures;

  /** Prepares the inputs and cross-checks every implementation before anything is timed. */
  @Setup
  public void setUp() {
    w = Inputs.mlpWeights();
    b = Inputs.mlpBias();
    x = Inputs.mlpSamples();
    columns = FinmathPeer.columns(x, w.length);
    structures = new DSFactory(w.length + 1, 1);
    CrossCheck.verify(this);
  }

  /** The primal. */
  @Benchmark
  public double hand_value() {
    return Mlp.loss(w, b, x);
  }

  /** Hand-written gradient: the reference. */
  @Benchmark
  public Object hand_grad() {
    return HandMlp.grad(w, b, x);
  }

  /** jgrad's generated {@code lossGrad}. */
  @Benchmark
  public Object jgrad_grad() {
    return MlpDerivatives.lossGrad(w, b, x);
  }

  /** Central differences over the 33 parameters. */
  @Benchmark
  public double[] fd_grad() {
    double[] p = Arrays.copyOf(w, w.length + 1);
    p[w.length] = b;
    return FiniteDifferences.gradient(q -> Mlp.loss(Arrays.copyOf(q, w.length), q[w.length], x), p);
  }

  /** Hipparchus {@code Gradient} with 33 partials. */
  @Benchmark
  public double[] hipparchusGradient_grad() {
    return HipparchusPeer.mlpGradGradient(w, b, x);
  }

  /** Hipparchus {@code DerivativeStructure}, order 1, 33 parameters. */
  @Benchmark
  public double[] hipparchusDS_grad() {
    return HipparchusPeer.mlpGradStructure(structures, w, b, x);
  }

  /** finmath-lib AAD, vectorised over the samples (columns prepared once, outside the timing). */
  @Benchmark
  public double[] finmath_grad() {
    return FinmathPeer.mlpGrad(w, b, columns);
  }
}

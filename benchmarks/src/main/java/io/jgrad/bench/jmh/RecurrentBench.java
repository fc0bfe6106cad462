package io.jgrad.bench.jmh;

import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.fd.FiniteDifferences;
import io.jgrad.bench.hand.HandRecurrent;
import io.jgrad.bench.workload.Recurrent;
import io.jgrad.bench.workload.RecurrentDerivatives;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A recurrent cell {@code h ← tanh(W h + U x_t + b)}, hidden size 8, inputs of dimension 4, 200
 * steps: gradient of {@code Σ_t h_t·h_t} with respect to {@code W}, {@code U} and {@code b}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "Recurrent cell (H = 8, 200 steps)", order = 8)
public class RecurrentBench {
  private double[] w;
  private double[] u;
  private double[] b;
  private double[] xs;

  /** Prepares the inputs and cross-checks every implementation before anything is timed. */
  @Setup
  public void setUp() {
    w = Inputs.rnnW();
    u = Inputs.rnnU();
    b = Inputs.rnnB();
    xs = Inputs.rnnInputs();
    CrossCheck.verify(this);
  }

  /** The primal. */
  @Benchmark
  public double hand_value() {
    return Recurrent.loss(w, u, b, xs);
  }

  /** Hand-written backpropagation through time: the reference. */
  @Benchmark
  public double[] hand_grad() {
    return HandRecurrent.grad(w, u, b, xs);
  }

  /** jgrad's generated {@code lossGrad}. */
  @Benchmark
  public Object jgrad_grad() {
    return RecurrentDerivatives.lossGrad(w, u, b, xs);
  }

  /** Central differences over the 104 weights. */
  @Benchmark
  public double[] fd_grad() {
    int nw = w.length;
    int nu = u.length;
    double[] p = new double[nw + nu + b.length];
    System.arraycopy(w, 0, p, 0, nw);
    System.arraycopy(u, 0, p, nw, nu);
    System.arraycopy(b, 0, p, nw + nu, b.length);
    return FiniteDifferences.gradient(
        q -> Recurrent.loss(Arrays.copyOfRange(q, 0, nw), Arrays.copyOfRange(q, nw, nw + nu),
            Arrays.copyOfRange(q, nw + nu, q.length), xs), p);
  }
}

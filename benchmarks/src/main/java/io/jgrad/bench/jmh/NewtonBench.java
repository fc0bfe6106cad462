package io.jgrad.bench.jmh;

import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.fd.FiniteDifferences;
import io.jgrad.bench.hand.HandNewton;
import io.jgrad.bench.workload.Newton;
import io.jgrad.bench.workload.NewtonDerivatives;
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
 * Newton's method for {@code x³ + a·x - c = 0} over a batch of 256 right-hand sides, a while loop
 * whose trip count depends on the values: gradient with respect to {@code a} and the batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "Newton while loop (batch of 256)", order = 9)
public class NewtonBench {
  private double a;
  private double[] c;

  /** Prepares the inputs and cross-checks every implementation before anything is timed. */
  @Setup
  public void setUp() {
    a = Inputs.NEWTON_A;
    c = Inputs.newtonTargets();
    CrossCheck.verify(this);
  }

  /** The primal. */
  @Benchmark
  public double hand_value() {
    return Newton.roots(a, c);
  }

  /** Hand-written adjoint through the iterations: the reference. */
  @Benchmark
  public double[] hand_grad() {
    return HandNewton.grad(a, c);
  }

  /** jgrad's generated {@code rootsGrad}. */
  @Benchmark
  public Object jgrad_grad() {
    return NewtonDerivatives.rootsGrad(a, c);
  }

  /** Central differences over {@code a} and the 256 right-hand sides. */
  @Benchmark
  public double[] fd_grad() {
    double[] p = new double[c.length + 1];
    p[0] = a;
    System.arraycopy(c, 0, p, 1, c.length);
    return FiniteDifferences.gradient(q -> Newton.roots(q[0], Arrays.copyOfRange(q, 1, q.length)), p);
  }
}

package io.jgrad.bench.jmh;

import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.fd.FiniteDifferences;
import io.jgrad.bench.hand.HandRosenbrock;
import io.jgrad.bench.peer.HipparchusPeer;
import io.jgrad.bench.workload.Rosenbrock;
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
 * Rosenbrock's gradient by the methods that cost O(n²): central differences and forward-mode
 * {@code Gradient}; at n = 100,000 one call would take minutes, so they stop at 1,000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "Rosenbrock", order = 3)
public class RosenbrockDenseBench {
  /** Number of variables. */
  @Param({"10", "1000"})
  public int n;

  private double[] x;

  /** Prepares the inputs and cross-checks every implementation before anything is timed. */
  @Setup
  public void setUp() {
    x = Inputs.rosenbrockPoint(n);
    CrossCheck.verify(this);
  }

  /** The reference for the cross-check (timed in {@link RosenbrockBench}). */
  public double[] hand_grad() {
    return HandRosenbrock.grad(x);
  }

  /** Central differences: 2n evaluations. */
  @Benchmark
  public double[] fd_grad() {
    return FiniteDifferences.gradient(Rosenbrock::rosenbrock, x);
  }

  /** Hipparchus {@code Gradient}: n partials carried through every operation. */
  @Benchmark
  public double[] hipparchusGradient_grad() {
    return HipparchusPeer.rosenbrockGrad(x);
  }
}

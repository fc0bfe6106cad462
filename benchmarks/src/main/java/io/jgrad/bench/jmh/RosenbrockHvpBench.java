package io.jgrad.bench.jmh;

import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.hand.HandRosenbrock;
import io.jgrad.bench.workload.Rosenbrock;
import io.jgrad.bench.workload.RosenbrockDerivatives;
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
 * Rosenbrock's Hessian times a vector: jgrad's one-pass {@code fHvp} (reverse mode over the tangent
 * program), the n forward-over-forward passes it replaced (one {@code fDerivative} per component),
 * and the hand-written product with the tridiagonal Hessian.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "Rosenbrock H·v", order = 11)
public class RosenbrockHvpBench {
  /** Number of variables. */
  @Param({"1000"})
  public int n;

  private double[] x;
  private double[] v;

  /** Prepares the inputs and cross-checks every implementation before anything is timed. */
  @Setup
  public void setUp() {
    x = Inputs.rosenbrockPoint(n);
    v = Inputs.rosenbrockDirection(n);
    CrossCheck.verify(this);
  }

  /** The primal. */
  @Benchmark
  public double hand_value() {
    return Rosenbrock.rosenbrock(x);
  }

  /** Hand-written H·v: the reference. */
  @Benchmark
  public double[] hand_hvp() {
    return HandRosenbrock.hvp(x, v);
  }

  /** jgrad's generated {@code rosenbrockHvp}, one pass. */
  @Benchmark
  public double[] jgrad_hvp() {
    return RosenbrockDerivatives.rosenbrockHvp(x, v);
  }

  /** Component i as {@code rosenbrockDerivative(x, eᵢ, v)}: n forward-over-forward passes. */
  @Benchmark
  public double[] jgradPerComponent_hvp() {
    double[] hv = new double[n];
    double[] unit = new double[n];
    for (int i = 0; i < n; i++) {
      unit[i] = 1;
      hv[i] = RosenbrockDerivatives.rosenbrockDerivative(x, unit, v);
      unit[i] = 0;
    }
    return hv;
  }
}

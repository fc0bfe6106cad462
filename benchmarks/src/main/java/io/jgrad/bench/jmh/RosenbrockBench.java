package io.jgrad.bench.jmh;

import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.fd.FiniteDifferences;
import io.jgrad.bench.hand.HandRosenbrock;
import io.jgrad.bench.peer.FinmathPeer;
import io.jgrad.bench.peer.HipparchusPeer;
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

/** Rosenbrock: value, full gradient and one JVP, for the implementations that scale to n = 100,000. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "Rosenbrock", order = 3)
public class RosenbrockBench {
  /** Number of variables. */
  @Param({"10", "1000", "100000"})
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

  /** Hand-written gradient: the reference. */
  @Benchmark
  public double[] hand_grad() {
    return HandRosenbrock.grad(x);
  }

  /** The hand-written gradient with its loop run backwards, as reverse mode runs it. */
  @Benchmark
  public double[] handBackwards_grad() {
    return HandRosenbrock.gradBackwards(x);
  }

  /** jgrad's generated gradient, copied by hand into the hand-written class. */
  @Benchmark
  public double[] handAsGenerated_grad() {
    return HandRosenbrock.gradAsGenerated(x);
  }

  /** jgrad's generated {@code rosenbrockGrad}. */
  @Benchmark
  public double[] jgrad_grad() {
    return RosenbrockDerivatives.rosenbrockGrad(x);
  }

  /** jgrad's generated {@code rosenbrockVjp}, pulled back once. */
  @Benchmark
  public double[] jgradVjp_grad() {
    return RosenbrockDerivatives.rosenbrockVjp(x).pullback(1.0);
  }

  /** finmath-lib AAD. */
  @Benchmark
  public double[] finmath_grad() {
    return FinmathPeer.rosenbrockGrad(x);
  }

  /** Hand-written JVP: the reference. */
  @Benchmark
  public Object hand_jvp() {
    return HandRosenbrock.jvp(x, v);
  }

  /** jgrad's generated {@code rosenbrockJvp}. */
  @Benchmark
  public Object jgrad_jvp() {
    return RosenbrockDerivatives.rosenbrockJvp(x, v);
  }

  /** Central differences along {@code v}, plus the value. */
  @Benchmark
  public double[] fd_jvp() {
    return new double[] {
      Rosenbrock.rosenbrock(x), FiniteDifferences.jvp(Rosenbrock::rosenbrock, x, v)
    };
  }

  /** Hipparchus {@code UnivariateDerivative1}. */
  @Benchmark
  public double[] hipparchusUD1_jvp() {
    return HipparchusPeer.rosenbrockJvp(x, v);
  }
}

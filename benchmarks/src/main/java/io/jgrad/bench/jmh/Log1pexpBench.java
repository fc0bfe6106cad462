package io.jgrad.bench.jmh;

import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.fd.FiniteDifferences;
import io.jgrad.bench.hand.HandScalar;
import io.jgrad.bench.peer.FinmathPeer;
import io.jgrad.bench.peer.HipparchusPeer;
import io.jgrad.bench.workload.Scalar;
import io.jgrad.bench.workload.ScalarDerivatives;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** {@code log1pexp}'s gradient: jgrad through its {@code @CustomJvp} rule, peers through the plain formula. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "log1pexp (custom JVP rule)", order = 2)
public class Log1pexpBench {
  private double x;

  /** Prepares the input and cross-checks every implementation before anything is timed. */
  @Setup
  public void setUp() {
    x = Inputs.LOG1PEXP_X;
    CrossCheck.verify(this);
  }

  /** The primal. */
  @Benchmark
  public double hand_value() {
    return Scalar.log1pexp(x);
  }

  /** Hand-written derivative (the logistic function): the reference. */
  @Benchmark
  public double hand_grad() {
    return HandScalar.log1pexpGrad(x);
  }

  /** jgrad's generated {@code log1pexpGrad}, the transposed custom rule. */
  @Benchmark
  public double jgrad_grad() {
    return ScalarDerivatives.log1pexpGrad(x);
  }

  /** Central differences. */
  @Benchmark
  public double fd_grad() {
    return FiniteDifferences.gradient(p -> Scalar.log1pexp(p[0]), new double[] {x})[0];
  }

  /** Hipparchus {@code UnivariateDerivative1}. */
  @Benchmark
  public double hipparchusUD1_grad() {
    return HipparchusPeer.log1pexpGrad(x);
  }

  /** finmath-lib AAD. */
  @Benchmark
  public double finmath_grad() {
    return FinmathPeer.log1pexpGrad(x);
  }
}

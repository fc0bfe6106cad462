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
import org.hipparchus.analysis.differentiation.DSFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** {@code f(x, y) = sin(x)·y}: value and gradient, every implementation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "f(x, y) = sin(x)·y", order = 1)
public class ScalarBench {
  // non-final fields, so the JIT cannot fold the inputs into constants
  private double x;
  private double y;
  private DSFactory structures;

  /** Prepares the inputs and cross-checks every implementation before anything is timed. */
  @Setup
  public void setUp() {
    x = Inputs.X;
    y = Inputs.Y;
    structures = new DSFactory(2, 1);
    CrossCheck.verify(this);
  }

  /** The primal. */
  @Benchmark
  public double hand_value() {
    return Scalar.f(x, y);
  }

  /** Hand-written value and gradient: the reference. */
  @Benchmark
  public Object hand_valueAndGrad() {
    return HandScalar.fValueAndGrad(x, y);
  }

  /** jgrad's generated {@code fValueAndGrad}. */
  @Benchmark
  public Object jgrad_valueAndGrad() {
    return ScalarDerivatives.fValueAndGrad(x, y);
  }

  /** Central differences: the value plus two evaluations per parameter. */
  @Benchmark
  public double[] fd_valueAndGrad() {
    double[] g = FiniteDifferences.gradient(p -> Scalar.f(p[0], p[1]), new double[] {x, y});
    return new double[] {Scalar.f(x, y), g[0], g[1]};
  }

  /** Hipparchus {@code Gradient}. */
  @Benchmark
  public double[] hipparchusGradient_valueAndGrad() {
    return HipparchusPeer.fValueAndGradGradient(x, y);
  }

  /** Hipparchus {@code DerivativeStructure}. */
  @Benchmark
  public double[] hipparchusDS_valueAndGrad() {
    return HipparchusPeer.fValueAndGradStructure(structures, x, y);
  }

  /** finmath-lib AAD. */
  @Benchmark
  public double[] finmath_valueAndGrad() {
    return FinmathPeer.fValueAndGrad(x, y);
  }
}

package io.jgrad.bench.jmh;

import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.fd.FiniteDifferences;
import io.jgrad.bench.hand.HandEuler;
import io.jgrad.bench.peer.FinmathPeer;
import io.jgrad.bench.peer.HipparchusPeer;
import io.jgrad.bench.workload.Euler;
import io.jgrad.bench.workload.EulerDerivatives;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Explicit Euler, 1,000 steps of Lotka–Volterra: gradient with respect to the four parameters. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "Euler ODE (1000 steps)", order = 5)
public class EulerBench {
  private double[] p;
  private double u0;
  private double v0;
  private double dt;
  private int steps;

  /** Prepares the inputs and cross-checks every implementation before anything is timed. */
  @Setup
  public void setUp() {
    p = Inputs.EULER_PARAMS.clone();
    u0 = Inputs.EULER_U0;
    v0 = Inputs.EULER_V0;
    dt = Inputs.EULER_DT;
    steps = Inputs.EULER_STEPS;
    CrossCheck.verify(this);
  }

  /** The primal. */
  @Benchmark
  public double hand_value() {
    return Euler.lotkaVolterra(p[0], p[1], p[2], p[3], u0, v0, dt, steps);
  }

  /** Hand-written discrete adjoint: the reference. */
  @Benchmark
  public double[] hand_grad() {
    return HandEuler.grad(p[0], p[1], p[2], p[3], u0, v0, dt, steps);
  }

  /** jgrad's generated {@code lotkaVolterraGrad}. */
  @Benchmark
  public Object jgrad_grad() {
    return EulerDerivatives.lotkaVolterraGrad(p[0], p[1], p[2], p[3], u0, v0, dt, steps);
  }

  /** Central differences over the four parameters. */
  @Benchmark
  public double[] fd_grad() {
    return FiniteDifferences.gradient(
        q -> Euler.lotkaVolterra(q[0], q[1], q[2], q[3], u0, v0, dt, steps), p.clone());
  }

  /** Hipparchus {@code Gradient} with four partials. */
  @Benchmark
  public double[] hipparchusGradient_grad() {
    return HipparchusPeer.eulerGrad(p, u0, v0, dt, steps);
  }

  /** finmath-lib AAD. */
  @Benchmark
  public double[] finmath_grad() {
    return FinmathPeer.eulerGrad(p, u0, v0, dt, steps);
  }
}

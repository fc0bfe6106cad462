package io.jgrad.bench.jmh;

import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.hand.HandEuler;
import io.jgrad.bench.workload.Euler;
import io.jgrad.bench.workload.EulerCheckpointedDerivatives;
import io.jgrad.bench.workload.EulerDerivatives;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Explicit Euler, a million steps of Lotka–Volterra: jgrad's gradient with checkpoints against the
 * hand-written adjoint and jgrad's own gradient, both of which keep every step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "Euler ODE with checkpoints (10⁶ steps)", order = 10)
public class EulerLongBench {
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
    dt = Inputs.EULER_LONG_DT;
    steps = Inputs.EULER_LONG_STEPS;
    CrossCheck.verify(this);
  }

  /** The primal. */
  @Benchmark
  public double hand_value() {
    return Euler.lotkaVolterra(p[0], p[1], p[2], p[3], u0, v0, dt, steps);
  }

  /** Hand-written discrete adjoint storing every step: the reference. */
  @Benchmark
  public double[] hand_grad() {
    return HandEuler.grad(p[0], p[1], p[2], p[3], u0, v0, dt, steps);
  }

  /** jgrad's generated gradient with checkpoints. */
  @Benchmark
  public Object jgrad_grad() {
    return EulerCheckpointedDerivatives.lotkaVolterraGrad(p[0], p[1], p[2], p[3], u0, v0, dt, steps);
  }

  /** jgrad's generated gradient without checkpoints: every step's state taped. */
  @Benchmark
  public Object jgradStored_grad() {
    return EulerDerivatives.lotkaVolterraGrad(p[0], p[1], p[2], p[3], u0, v0, dt, steps);
  }
}

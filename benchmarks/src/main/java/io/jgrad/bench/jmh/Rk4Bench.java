package io.jgrad.bench.jmh;

import io.jgrad.bench.Inputs;
import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.fd.FiniteDifferences;
import io.jgrad.bench.hand.HandRk4;
import io.jgrad.bench.workload.Rk4;
import io.jgrad.bench.workload.Rk4Derivatives;
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
 * RK4, 100 steps of Lorenz-96 in 16 dimensions, the state overwritten in place: gradient with
 * respect to the initial state and the forcing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Workload(value = "RK4 Lorenz-96 (d = 16, 100 steps)", order = 7)
public class Rk4Bench {
  private double[] y0;
  private double f;
  private double dt;
  private int steps;

  /** Prepares the inputs and cross-checks every implementation before anything is timed. */
  @Setup
  public void setUp() {
    y0 = Inputs.rk4State();
    f = Inputs.RK4_FORCING;
    dt = Inputs.RK4_DT;
    steps = Inputs.RK4_STEPS;
    CrossCheck.verify(this);
  }

  /** The primal. */
  @Benchmark
  public double hand_value() {
    return Rk4.lorenz96(y0, f, dt, steps);
  }

  /** Hand-written discrete adjoint: the reference. */
  @Benchmark
  public double[] hand_grad() {
    return HandRk4.grad(y0, f, dt, steps);
  }

  /** jgrad's generated {@code lorenz96Grad}. */
  @Benchmark
  public Object jgrad_grad() {
    return Rk4Derivatives.lorenz96Grad(y0, f, dt, steps);
  }

  /** Central differences over the 16 initial values and the forcing. */
  @Benchmark
  public double[] fd_grad() {
    double[] p = Arrays.copyOf(y0, y0.length + 1);
    p[y0.length] = f;
    return FiniteDifferences.gradient(q -> Rk4.lorenz96(Arrays.copyOf(q, y0.length), q[y0.length], dt, steps), p);
  }
}

package io.jgrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.check.Flatten;
import io.jgrad.bench.hand.HandRosenbrock;
import io.jgrad.bench.jmh.NewtonBench;
import io.jgrad.bench.jmh.RecurrentBench;
import io.jgrad.bench.jmh.Rk4Bench;
import io.jgrad.bench.workload.RosenbrockDerivatives;
import java.util.function.Supplier;

/** The cross-check fails loudly on a wrong derivative and passes on a right one. */
class CrossCheckTest {
  /** A benchmark-shaped class whose "jgrad" result is deliberately wrong in one component. */
  public static final class Wrong {
    private final double[] x = Inputs.rosenbrockPoint(10);

    public double[] hand_grad() {
      return HandRosenbrock.grad(x);
    }

    public double[] broken_grad() {
      double[] g = RosenbrockDerivatives.rosenbrockGrad(x);
      g[3] *= 1 + 1e-6;
      return g;
    }
  }

  /** The same, right. */
  public static final class Right {
    private final double[] x = Inputs.rosenbrockPoint(10);

    public double[] hand_grad() {
      return HandRosenbrock.grad(x);
    }

    public double[] jgrad_grad() {
      return RosenbrockDerivatives.rosenbrockGrad(x);
    }
  }

  @org.junit.jupiter.api.Test
  void wrongDerivativeStopsTheBenchmark() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> CrossCheck.verify(new Wrong()));
    assertTrue(e.getMessage().contains("broken_grad: component 3"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void rightDerivativePasses() {
    CrossCheck.verify(new Right());
  }

  /**
   * The workloads where reverse mode needs a tape (values overwritten in place, a value-dependent
   * trip count): jgrad's gradient agrees with the hand-written adjoint, and finite differences
   * agree with it too, so jgrad's is checked against both. The gradients are not all zero, so the
   * comparison is not vacuous.
   */
  @org.junit.jupiter.api.Test
  void tapeWorkloadsAgreeWithHandWrittenAdjointsAndFiniteDifferences() {
    check(new Rk4Bench(), 17, b -> b::jgrad_grad, b -> b::hand_grad, b -> b::fd_grad, Rk4Bench::setUp);
    check(new RecurrentBench(), 104, b -> b::jgrad_grad, b -> b::hand_grad, b -> b::fd_grad, RecurrentBench::setUp);
    check(new NewtonBench(), 257, b -> b::jgrad_grad, b -> b::hand_grad, b -> b::fd_grad, NewtonBench::setUp);
  }

  private static <B> void check(B bench, int components, java.util.function.Function<B, Supplier<Object>> jgrad,
      java.util.function.Function<B, Supplier<Object>> hand, java.util.function.Function<B, Supplier<Object>> fd,
      java.util.function.Consumer<B> setUp) {
    setUp.accept(bench); // runs CrossCheck.verify: jgrad_grad and fd_grad against hand_grad
    CrossCheck.verify(bench);
    double[] j = Flatten.of(jgrad.apply(bench).get());
    double[] h = Flatten.of(hand.apply(bench).get());
    double[] f = Flatten.of(fd.apply(bench).get());
    String name = bench.getClass().getSimpleName();
    assertEquals(components, j.length, name);
    assertEquals(components, h.length, name);
    assertEquals(components, f.length, name);
    double scale = 0;
    for (int i = 0; i < components; i++) {
      scale = Math.max(scale, Math.abs(h[i]));
    }
    assertTrue(scale > 1e-3, name + ": the reference gradient is (almost) zero");
    for (int i = 0; i < components; i++) {
      assertEquals(h[i], j[i], 1e-9 * Math.max(1, scale), name + " jgrad vs hand-written, component " + i);
      assertEquals(f[i], j[i], 1e-5 * Math.max(1, scale), name + " jgrad vs finite differences, component " + i);
    }
  }
}

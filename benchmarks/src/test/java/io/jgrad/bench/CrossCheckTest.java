package io.jgrad.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.bench.check.CrossCheck;
import io.jgrad.bench.hand.HandRosenbrock;
import io.jgrad.bench.workload.RosenbrockDerivatives;

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
}

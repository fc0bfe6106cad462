package io.jgrad.examples.loops;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/**
 * @CustomJvp rules whose loops compute only the tangent: transposed, such a loop runs backwards in
 * the backward sweep, and the forward sweep has nothing left to run of it.
 */
final class RuleLoopSweeps {
  private RuleLoopSweeps() {}

  /** x·n, its tangent summed in a loop: n·ẋ. */
  @CustomJvp(jvp = "timesJvp")
  static double times(double x, int n) {
    return x * n;
  }

  static Dual timesJvp(double x, int n, double xDot) {
    double t = 0;
    for (int i = 0; i < n; i++) {
      t += xDot;
    }
    return Dual.of(x * n, t);
  }

  /** The tangent of sin(x)·n summed in a loop that also reads a primal: n·cos(x)·ẋ. */
  @CustomJvp(jvp = "sinTimesJvp")
  static double sinTimes(double x, int n) {
    return Math.sin(x) * n;
  }

  static Dual sinTimesJvp(double x, int n, double xDot) {
    double c = Math.cos(x);
    double t = 0;
    for (int i = 0; i < n; i++) {
      double scale = c * xDot;
      t += scale;
    }
    return Dual.of(Math.sin(x) * n, t);
  }

  /** A caller of both rules. */
  @Differentiable
  static double caller(double x, double y, int n) {
    return times(x * y, n) + sinTimes(x, n) * y;
  }
}

package io.jgrad.examples.nondiff;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.Fwd;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleUnaryOperator;

/** Non-differentiable parameters of every kind, anywhere in the list, in bodies and in rules. */
final class MixedArguments {
  private MixedArguments() {}

  /** An enum parameter chooses the formula. */
  enum Shape {
    SQUARE,
    CUBE
  }

  /** int, enum, boolean and String parameters around the differentiated ones. */
  @Differentiable
  static double power(int times, double x, Shape shape, boolean negate, String label, double y) {
    double acc = y;
    for (int i = 0; i < times; i++) {
      if (shape == Shape.SQUARE) {
        acc = acc * x * x;
      } else {
        acc = acc * x * x * x;
      }
    }
    if (label.isEmpty()) {
      acc = acc + 1;
    }
    return negate ? -acc : acc;
  }

  /** The rule takes the primal's parameters in their order, then one tangent per differentiated one. */
  @CustomJvp(jvp = "scaledJvp")
  static double scaled(int n, double x, Shape shape, @NonDiff double c, double y) {
    return n * c * x * y;
  }

  static Dual scaledJvp(int n, double x, Shape shape, double c, double y, double xDot, double yDot) {
    double k = n * c;
    return Dual.of(scaled(n, x, shape, c, y), k * y * xDot + k * x * yDot);
  }

  /** bwd takes the non-differentiated parameters (here @NonDiff doubles) in order, then residuals and cotangent. */
  @CustomVjp(fwd = "clampFwd", bwd = "clampBwd")
  static double clamp(@NonDiff double lo, double x, @NonDiff double hi) {
    return Math.max(lo, Math.min(hi, x));
  }

  static Fwd<Double> clampFwd(double lo, double x, double hi) {
    return Fwd.of(clamp(lo, x, hi), x);
  }

  static double clampBwd(double lo, double hi, Double x, double g) {
    return x > lo && x < hi ? g : 0;
  }

  /**
   * An opaque function called on values that carry no derivative, and a consumer kept for its side
   * effect: both run in every generated method, in program order.
   */
  @Differentiable
  static double scaledBy(DoubleUnaryOperator f, DoubleConsumer log, double x) {
    double c = f.applyAsDouble(2.0);
    log.accept(x);
    return c * x * x;
  }

  /** A caller passes constants to the @NonDiff parameters and differentiated values elsewhere. */
  @Differentiable
  static double useBoth(double x, double y) {
    return scaled(3, x, Shape.CUBE, 0.5, y) + clamp(-1.0, Math.sin(x), 0.5);
  }
}

package io.jgrad.examples.nondiff;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;
import java.util.function.DoubleUnaryOperator;

/**
 * The notebook's "custom_jvp with nondiff_argnums" examples. A function-valued parameter is
 * non-differentiable by its type, and the rule receives it in its place: no "non-differentiable
 * arguments go first" gotcha.
 */
final class SeedNonDiffJvp {
  private SeedNonDiffJvp() {}

  @CustomJvp(jvp = "appJvp")
  static double app(DoubleUnaryOperator f, double x) {
    return f.applyAsDouble(x);
  }

  static Dual appJvp(DoubleUnaryOperator f, double x, double xDot) {
    return Dual.of(f.applyAsDouble(x), 2. * xDot);
  }

  @CustomJvp(jvp = "app2Jvp")
  static double app2(DoubleUnaryOperator f, double x, DoubleUnaryOperator g) {
    return f.applyAsDouble(g.applyAsDouble(x));
  }

  static Dual app2Jvp(DoubleUnaryOperator f, double x, DoubleUnaryOperator g, double xDot) {
    return Dual.of(f.applyAsDouble(g.applyAsDouble(x)), 3. * xDot);
  }

  /** JAX's {@code grad(lambda x: app(lambda z: z ** 3, x) * x)}: the lambda is written in the body. */
  @Differentiable
  static double appOfCube(double x) {
    return app(z -> z * z * z, x) * x;
  }

  /** A lambda may read non-differentiated locals and parameters, and method references work too. */
  @Differentiable
  static double appScaled(double x, int n) {
    double k = n + 0.5;
    return app(z -> k * z, x * x) + app2(Math::exp, x, y -> {
      double five = 5;
      return five * y;
    });
  }

  /** A differentiable caller hands its function parameter on: the rule still applies. */
  @Differentiable
  static double appOfSquare(DoubleUnaryOperator f, double x) {
    return app(f, x * x);
  }
}

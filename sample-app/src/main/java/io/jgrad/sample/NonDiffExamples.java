package io.jgrad.sample;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
import java.util.function.DoubleUnaryOperator;

/**
 * The notebook's "Handling non-differentiable arguments" with {@code custom_jvp}: a function-valued
 * parameter is non-differentiable by its type (no {@code nondiff_argnums} to list), and the rule
 * takes it in its place in the primal's parameter list.
 */
final class NonDiffExamples {
  private NonDiffExamples() {}

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
}

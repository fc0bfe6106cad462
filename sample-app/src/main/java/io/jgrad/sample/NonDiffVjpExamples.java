package io.jgrad.sample;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.runtime.Fwd;
import java.util.function.DoubleUnaryOperator;

/**
 * The notebook's {@code custom_vjp} with a non-differentiable argument: {@code fwd} has the primal's
 * signature; {@code bwd} takes the non-differentiable parameters, then the residuals and the cotangent.
 */
final class NonDiffVjpExamples {
  private NonDiffVjpExamples() {}

  @CustomVjp(fwd = "appFwd", bwd = "appBwd")
  static double app(DoubleUnaryOperator f, double x) {
    return f.applyAsDouble(x);
  }

  static Fwd<Double> appFwd(DoubleUnaryOperator f, double x) {
    return Fwd.of(f.applyAsDouble(x), x);
  }

  static double appBwd(DoubleUnaryOperator f, Double x, double g) {
    return 5 * g;
  }
}

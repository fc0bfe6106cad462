package io.jgrad.examples.nondiff;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.runtime.Fwd;
import java.util.function.DoubleUnaryOperator;

/**
 * The notebook's "custom_vjp with nondiff_argnums" example: {@code fwd} has the primal's signature,
 * {@code bwd} takes the non-differentiable parameters first, then the residuals and the cotangent.
 */
final class SeedNonDiffVjp {
  private SeedNonDiffVjp() {}

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

package io.jgrad.examples.implicit;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.runtime.DiffFn1;
import io.jgrad.runtime.DiffFn2;
import io.jgrad.runtime.FixedPoints;
import io.jgrad.runtime.GradCheck;
import org.junit.jupiter.api.Test;

/** The notebook's newton_sqrt through a user-written @CustomVjp fixed point and through FixedPoints, against Math.sqrt. */
class FixedPointTest {
  @Test
  void newtonSqrtMatchesTheSeed() {
    assertThat(FixedPointExamples.newtonSqrt(2.0)).isWithin(1e-9).of(Math.sqrt(2.0)); // 1.4142135
    for (double a : new double[] {1, 2, 3, 4}) {                                       // the notebook's vmap row
      assertThat(FixedPointExamples.newtonSqrt(a)).isWithin(1e-9).of(Math.sqrt(a));
    }
  }

  @Test
  void gradOfNewtonSqrtIsImplicitAndMatchesSqrt() {
    // JAX's notebook: grad(newton_sqrt)(2.) = 0.35355338; d/da sqrt(a) = 1 / (2 sqrt a).
    assertThat(FixedPointExamplesDerivatives.newtonSqrtGrad(2.0)).isWithin(1e-9).of(1 / (2 * Math.sqrt(2.0)));
    for (double a : new double[] {0.5, 3.0, 10.0}) {
      assertThat(FixedPointExamplesDerivatives.newtonSqrtGrad(a)).isWithin(1e-9).of(1 / (2 * Math.sqrt(a)));
    }
  }

  @Test
  void gradOfGradOfNewtonSqrtGoesReverseOverReverseThroughTheRule() {
    // JAX's notebook: grad(grad(newton_sqrt))(2.) = -0.08838835; d²/da² sqrt(a) = -1 / (4 a^1.5).
    assertThat(FixedPointExamplesDerivatives.newtonSqrt2Hessian(2.0)).isWithin(1e-9).of(-0.25 * Math.pow(2.0, -1.5));
    assertThat(FixedPointExamplesDerivatives.newtonSqrt2Hessian(2.0)).isWithin(1e-7).of(-0.0883883);
    for (double a : new double[] {0.5, 3.0, 10.0}) {
      assertThat(FixedPointExamplesDerivatives.newtonSqrt2Hessian(a)).isWithin(1e-9).of(-0.25 * Math.pow(a, -1.5));
      assertThat(FixedPointExamplesDerivatives.newtonSqrt2Grad(a)).isWithin(1e-9).of(1 / (2 * Math.sqrt(a)));
    }
    // The rule's own Hessian in (a, xGuess): the solution does not depend on the guess.
    double[][] h = FixedPointExamplesDerivatives.fixedPoint2Hessian(FixedPointExamplesDerivatives.update2(), 2.0, 1.0);
    assertThat(h[0][0]).isWithin(1e-9).of(-0.25 * Math.pow(2.0, -1.5));
    assertThat(h[0][1]).isEqualTo(0.0);
    assertThat(h[1][1]).isEqualTo(0.0);
  }

  @Test
  void partialDerivativesOfOrderTwoFunctionObjectsAreFunctionObjects() {
    DiffFn2 update = FixedPointExamplesDerivatives.update2();
    double a = 2.0;
    double x = 1.3;
    // ∂/∂a = 1/(2x), ∂/∂x = (1 - a/x²)/2; their own derivatives by jvp and vjp.
    assertThat(update.partialFirst().value(a, x)).isWithin(1e-15).of(1 / (2 * x));
    assertThat(update.partialSecond().value(a, x)).isWithin(1e-15).of(0.5 * (1 - a / (x * x)));
    assertThat(update.partialSecond().jvp(a, x, 0.0, 1.0).tangent()).isWithin(1e-12).of(a / (x * x * x));
    assertThat(update.partialSecond().grad(a, x).first()).isWithin(1e-12).of(-0.5 / (x * x));
    assertThat(update.partialFirst().grad(a, x).second()).isWithin(1e-12).of(-0.5 / (x * x));
    assertThat(assertThrows(UnsupportedOperationException.class, () -> FixedPointExamplesDerivatives.update().partialFirst()))
        .hasMessageThat().contains("order = 2");
  }

  @Test
  void theHelperGivesTheSameWithoutRules() {
    DiffFn1 sqrt = FixedPoints.solution(FixedPointExamplesDerivatives.update(), a -> a);
    assertThat(sqrt.value(2.0)).isWithin(1e-9).of(Math.sqrt(2.0));
    assertThat(sqrt.jvp(2.0, 1.0).tangent()).isWithin(1e-9).of(1 / (2 * Math.sqrt(2.0)));
    assertThat(sqrt.grad(2.0)).isWithin(1e-9).of(1 / (2 * Math.sqrt(2.0)));
    // Through differentiable code that takes it as a function object, in both modes.
    assertThat(FixedPointExamplesDerivatives.viaHelperGrad(sqrt, 2.0)).isWithin(1e-9).of(1 / (2 * Math.sqrt(2.0)));
    assertThat(FixedPointExamplesDerivatives.viaHelperJvp(sqrt, 2.0, 1.0).tangent())
        .isWithin(1e-9).of(1 / (2 * Math.sqrt(2.0)));
    GradCheck.of(x -> sqrt.value(x[0]), (x, t) -> sqrt.jvp(x[0], t[0]).tangent(),
        (x, c) -> new double[] {sqrt.vjp(x[0]).pullback(c)}).tolerance(1e-5).at(2.0).assertValid();
  }

  @Test
  void theHelperRefusesBadInput() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> FixedPoints.solution(null, a -> a)))
        .hasMessageThat().contains("f is null");
    DiffFn1 diverging = FixedPoints.solution(FixedPointExamplesDerivatives.update(), a -> a);
    assertThrows(ArithmeticException.class, () -> diverging.value(-1.0)); // no real square root: no fixed point
  }
}

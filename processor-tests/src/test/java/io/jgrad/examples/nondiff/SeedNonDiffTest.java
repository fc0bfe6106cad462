package io.jgrad.examples.nondiff;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The notebook's "Handling non-differentiable arguments" examples with its published numbers, and
 * non-differentiable parameters of every kind in bodies and rules.
 */
class SeedNonDiffTest {
  private static final double TOL = 1e-12;
  private static final DoubleUnaryOperator CUBE = x -> x * x * x;
  private static final DoubleUnaryOperator SQUARE = x -> x * x;
  private static final DoubleUnaryOperator TIMES_FIVE = y -> 5 * y;

  @Test
  void customJvpApp() {
    // print(app(lambda x: x ** 3, 3.)) -> 27.0; print(grad(app, 1)(lambda x: x ** 3, 3.)) -> 2.0
    assertThat(SeedNonDiffJvp.app(CUBE, 3.)).isEqualTo(27.0);
    assertThat(SeedNonDiffJvpDerivatives.appGrad(CUBE, 3.)).isEqualTo(2.0);
    assertThat(SeedNonDiffJvpDerivatives.appJvp(CUBE, 3., 1.).value()).isEqualTo(27.0);
    assertThat(SeedNonDiffJvpDerivatives.appJvp(CUBE, 3., 1.).tangent()).isEqualTo(2.0);
    assertThat(SeedNonDiffJvpDerivatives.appVjp(CUBE, 3.).value()).isEqualTo(27.0);
  }

  @Test
  void customJvpApp2() {
    // print(app2(lambda x: x ** 3, 3., lambda y: 5 * y)) -> 3375.0; its grad -> 3.0
    assertThat(SeedNonDiffJvp.app2(CUBE, 3., TIMES_FIVE)).isEqualTo(3375.0);
    assertThat(SeedNonDiffJvpDerivatives.app2Grad(CUBE, 3., TIMES_FIVE)).isEqualTo(3.0);
    assertThat(SeedNonDiffJvpDerivatives.app2Jvp(CUBE, 3., TIMES_FIVE, 1.).tangent()).isEqualTo(3.0);
  }

  @Test
  void customVjpApp() {
    // print(app(lambda x: x ** 2, 4.)) -> 16.0; print(grad(app, 1)(lambda x: x ** 2, 4.)) -> 5.0
    assertThat(SeedNonDiffVjp.app(SQUARE, 4.)).isEqualTo(16.0);
    assertThat(SeedNonDiffVjpDerivatives.appGrad(SQUARE, 4.)).isEqualTo(5.0);
    assertThat(SeedNonDiffVjpDerivatives.appVjp(SQUARE, 4.).value()).isEqualTo(16.0);
    assertThat(SeedNonDiffVjpDerivatives.appVjp(SQUARE, 4.).pullback(2.0)).isEqualTo(10.0);
  }

  @Test
  void aDifferentiableCallerHandsTheFunctionOn() {
    // d/dx app(f, x²) = (the rule's 2) · 2x, whatever f is.
    for (double x : new double[] {-1.5, 0.5, 3.0}) {
      assertThat(SeedNonDiffJvpDerivatives.appOfSquareGrad(CUBE, x)).isWithin(TOL).of(4 * x);
      assertThat(SeedNonDiffJvpDerivatives.appOfSquareJvp(CUBE, x, 1.0).tangent()).isWithin(TOL).of(4 * x);
      assertThat(SeedNonDiffJvpDerivatives.appOfSquareJvp(CUBE, x, 1.0).value()).isWithin(TOL)
          .of(Math.pow(x * x, 3));
    }
  }

  @Test
  void lambdasWrittenInADifferentiableBody() {
    for (double x : new double[] {-1.5, 0.5, 3.0}) {
      // app(cube, x) * x: the rule gives 2 for app, so the derivative is 2x + x^3.
      assertThat(SeedNonDiffJvp.appOfCube(x)).isWithin(TOL).of(Math.pow(x, 4));
      assertThat(SeedNonDiffJvpDerivatives.appOfCubeGrad(x)).isWithin(TOL).of(2 * x + Math.pow(x, 3));
      assertThat(SeedNonDiffJvpDerivatives.appOfCubeJvp(x, 1.0).tangent()).isWithin(TOL)
          .of(2 * x + Math.pow(x, 3));
      // app(z -> k z, x^2) + app2(exp, x, y -> 5 y): 2 * 2x + 3
      assertThat(SeedNonDiffJvp.appScaled(x, 2)).isWithin(TOL).of(2.5 * x * x + Math.exp(5 * x));
      assertThat(SeedNonDiffJvpDerivatives.appScaledGrad(x, 2)).isWithin(TOL).of(4 * x + 3);
      assertThat(SeedNonDiffJvpDerivatives.appScaledJvp(x, 2, 1.0).tangent()).isWithin(TOL).of(4 * x + 3);
    }
  }

  @Test
  void nonDifferentiableParametersOfEveryKind() {
    MixedArguments.Shape cube = MixedArguments.Shape.CUBE;
    MixedArguments.Shape square = MixedArguments.Shape.SQUARE;
    double x = 1.3;
    double y = -0.7;
    // power(2, x, CUBE, true, "", y) = -(y x^6 + 1)
    MixedArgumentsDerivatives.PowerGrad g = MixedArgumentsDerivatives.powerGrad(2, x, cube, true, "", y);
    assertThat(g.x()).isWithin(TOL).of(-6 * y * Math.pow(x, 5));
    assertThat(g.y()).isWithin(TOL).of(-Math.pow(x, 6));
    // power(3, x, SQUARE, false, "label", y) = y x^6
    g = MixedArgumentsDerivatives.powerGrad(3, x, square, false, "label", y);
    assertThat(g.x()).isWithin(TOL).of(6 * y * Math.pow(x, 5));
    assertThat(g.y()).isWithin(TOL).of(Math.pow(x, 6));
    assertThat(MixedArgumentsDerivatives.powerJvp(3, x, square, false, "label", y, 1, 0).tangent())
        .isWithin(TOL).of(6 * y * Math.pow(x, 5));
  }

  @Test
  void rulesReceiveNonDifferentiableParametersInTheirPlace() {
    MixedArguments.Shape s = MixedArguments.Shape.SQUARE;
    MixedArgumentsDerivatives.ScaledGrad g = MixedArgumentsDerivatives.scaledGrad(4, 2.0, s, 0.25, 3.0);
    assertThat(g.x()).isWithin(TOL).of(4 * 0.25 * 3.0);
    assertThat(g.y()).isWithin(TOL).of(4 * 0.25 * 2.0);
    assertThat(MixedArgumentsDerivatives.scaledJvp(4, 2.0, s, 0.25, 3.0, 1.0, 1.0).tangent())
        .isWithin(TOL).of(4 * 0.25 * (3.0 + 2.0));
    // bwd gets lo and hi (the @NonDiff doubles) first: the gradient passes inside [lo, hi] only.
    assertThat(MixedArgumentsDerivatives.clampGrad(-1, 0.3, 1)).isEqualTo(1.0);
    assertThat(MixedArgumentsDerivatives.clampGrad(-1, 1.3, 1)).isEqualTo(0.0);
    assertThat(MixedArgumentsDerivatives.clampVjp(-1, 0.3, 1).pullback(2.5)).isEqualTo(2.5);
  }

  @Test
  void opaqueFunctionsOnConstantsAndSideEffects() {
    java.util.List<Double> logged = new java.util.ArrayList<>();
    double x = 1.7;
    double c = CUBE.applyAsDouble(2.0);
    assertThat(MixedArgumentsDerivatives.scaledByGrad(CUBE, logged::add, x)).isWithin(TOL).of(2 * c * x);
    assertThat(MixedArgumentsDerivatives.scaledByJvp(CUBE, logged::add, x, 1.0).tangent()).isWithin(TOL)
        .of(2 * c * x);
    var vjp = MixedArgumentsDerivatives.scaledByVjp(CUBE, logged::add, x);
    assertThat(vjp.value()).isWithin(TOL).of(c * x * x);
    assertThat(logged).containsExactly(x, x, x).inOrder();
  }

  @Test
  void callersPassConstantsToNonDiffParameters() {
    double x = 0.4;
    double y = 1.7;
    // useBoth = 1.5 x y + clamp(-1, sin x, 0.5), sin 0.4 < 0.5
    MixedArgumentsDerivatives.UseBothGrad g = MixedArgumentsDerivatives.useBothGrad(x, y);
    assertThat(g.x()).isWithin(TOL).of(1.5 * y + Math.cos(x));
    assertThat(g.y()).isWithin(TOL).of(1.5 * x);
  }
}

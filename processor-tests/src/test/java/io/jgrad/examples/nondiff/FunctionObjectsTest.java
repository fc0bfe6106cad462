package io.jgrad.examples.nondiff;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.runtime.DiffFn1;
import io.jgrad.runtime.DiffFn2;
import io.jgrad.runtime.GradCheck;
import io.jgrad.runtime.Grad2;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Differentiable function objects: {@code XDerivatives.f()} objects passed to higher-order
 * {@code @Differentiable} functions, differentiated through the objects' jvp and vjp, against
 * closed forms and finite differences, in forward and reverse mode.
 */
class FunctionObjectsTest {
  private static final double TOL = 1e-10;

  private static double cube(double x) {
    return x * x * x;
  }

  /** twice(cube)(x) = x^9 + x. */
  private static double twiceCubeDerivative(double x) {
    return 9 * Math.pow(x, 8) + 1;
  }

  /** GradCheck of a function object: finite differences, transpose, reverse vs forward. */
  private static void gradCheck(DiffFn1 f, double... points) {
    for (double p : points) {
      GradCheck.of(f).at(p).assertValid();
    }
  }

  @Test
  void objectsDelegateToTheGeneratedFunctions() {
    DiffFn1 cube = FunctionObjectsDerivatives.cube();
    assertThat(cube.value(1.5)).isEqualTo(cube(1.5));
    assertThat(cube.jvp(1.5, 2.0).tangent()).isWithin(TOL).of(3 * 1.5 * 1.5 * 2.0);
    assertThat(cube.vjp(1.5).pullback(1.0)).isWithin(TOL).of(3 * 1.5 * 1.5);
    assertThat(cube.grad(1.5)).isWithin(TOL).of(3 * 1.5 * 1.5);
    DiffFn2 mix = FunctionObjectsDerivatives.mix();
    Grad2 g = mix.grad(0.3, 2.0);
    assertThat(g.first()).isWithin(TOL).of(Math.cos(0.3) * 2.0 + 2 * 0.3);
    assertThat(g.second()).isWithin(TOL).of(Math.sin(0.3));
    assertThat(mix.jvp(0.3, 2.0, 1.0, 0.0).tangent()).isWithin(TOL).of(g.first());
    GradCheck.of(mix).at(0.3, 2.0).assertValid();
  }

  @Test
  void higherOrderFunctionThroughAnObjectMatchesTheClosedForm() {
    DiffFn1 cube = FunctionObjectsDerivatives.cube();
    for (double x : new double[] {-1.2, -0.4, 0.0, 0.7, 1.1}) {
      assertThat(FunctionObjects.twice(cube, x)).isWithin(TOL).of(Math.pow(x, 9) + x);
      assertThat(FunctionObjectsDerivatives.twiceJvp(cube, x, 1.0).tangent()).isWithin(TOL)
          .of(twiceCubeDerivative(x));
      assertThat(FunctionObjectsDerivatives.twiceGrad(cube, x)).isWithin(TOL).of(twiceCubeDerivative(x));
      assertThat(FunctionObjectsDerivatives.twiceVjp(cube, x).pullback(2.0)).isWithin(TOL)
          .of(2 * twiceCubeDerivative(x));
    }
    gradCheck(FunctionObjectsDerivatives.twice(cube), -1.2, 0.3, 0.9);
  }

  @Test
  void twoParameterObject() {
    DiffFn2 mix = FunctionObjectsDerivatives.mix();
    for (double x : new double[] {-0.8, 0.2, 1.3}) {
      double e = Math.exp(x);
      double inner = Math.sin(x) * e + x * x;
      double closed = (Math.cos(x) * e + Math.sin(x) * e + 2 * x) * x + inner;
      assertThat(FunctionObjects.mixed(mix, x)).isWithin(TOL).of(inner * x);
      assertThat(FunctionObjectsDerivatives.mixedGrad(mix, x)).isWithin(TOL).of(closed);
      assertThat(FunctionObjectsDerivatives.mixedJvp(mix, x, 1.0).tangent()).isWithin(TOL).of(closed);
    }
    gradCheck(FunctionObjectsDerivatives.mixed(mix), -0.8, 0.2, 1.3);
  }

  @Test
  void objectsComposeAndPassThrough() {
    DiffFn1 cube = FunctionObjectsDerivatives.cube();
    DiffFn1 twiceCube = FunctionObjectsDerivatives.twice(cube);
    // twice(twice(cube))(x) = t(t(x)) + x with t(x) = x^9 + x
    double x = 0.9;
    double t = Math.pow(x, 9) + x;
    double closed = twiceCubeDerivative(t) * twiceCubeDerivative(x) + 1;
    assertThat(FunctionObjectsDerivatives.twiceGrad(twiceCube, x)).isWithin(1e-9).of(closed);
    assertThat(FunctionObjectsDerivatives.twiceJvp(twiceCube, x, 1.0).tangent()).isWithin(1e-9).of(closed);
    // passOn(f, x) = twice(f, sin x)
    double s = Math.sin(x);
    assertThat(FunctionObjectsDerivatives.passOnGrad(cube, x)).isWithin(TOL)
        .of(twiceCubeDerivative(s) * Math.cos(x));
    gradCheck(FunctionObjectsDerivatives.passOn(cube), -1.0, 0.4, 1.2);
  }

  @Test
  void objectsTakenInsideADifferentiableBody() {
    for (double x : new double[] {-0.9, 0.3, 1.2}) {
      assertThat(FunctionObjects.twiceCube(x)).isWithin(TOL).of((Math.pow(x, 9) + x) * x);
      assertThat(FunctionObjectsDerivatives.twiceCubeGrad(x)).isWithin(TOL).of(10 * Math.pow(x, 9) + 2 * x);
      assertThat(FunctionObjectsDerivatives.twiceCubeJvp(x, 1.0).tangent()).isWithin(TOL)
          .of(10 * Math.pow(x, 9) + 2 * x);
      // twice(app(sin)) * 3: value (sin(sin x) + x) * 3; app's rule gives 2 per call, so (2 * 2 + 1) * 3.
      assertThat(FunctionObjects.twiceApp(x, 3)).isWithin(TOL).of((Math.sin(Math.sin(x)) + x) * 3);
      assertThat(FunctionObjectsDerivatives.twiceAppGrad(x, 3)).isEqualTo(15.0);
      assertThat(FunctionObjectsDerivatives.twiceAppJvp(x, 3, 1.0).tangent()).isEqualTo(15.0);
    }
  }

  @Test
  void loopsAndBranchesThroughAnObject() {
    DiffFn1 wave = FunctionObjectsDerivatives.wave();
    for (int n = 0; n <= 4; n++) {
      gradCheck(FunctionObjectsDerivatives.iterate(wave, n), -0.9, 0.35, 1.1);
      gradCheck(FunctionObjectsDerivatives.iterate(FunctionObjectsDerivatives.cube(), n), -0.6, 0.5);
    }
    // iterate(wave, x, 1) for x > 0: 0.5 wave(x) + x
    double x = 0.35;
    assertThat(FunctionObjectsDerivatives.iterateGrad(wave, x, 1)).isWithin(TOL)
        .of(0.5 * (Math.cos(x) + 0.5) + 1);
  }

  @Test
  void customRulesHoldThroughObjects() {
    // app's rule says d/dx app(f, x) = 2 whatever f is: twice(app(f))(x) has derivative 2 * 2 + 1.
    DoubleUnaryOperator cube = FunctionObjectsTest::cube;
    DiffFn1 app = SeedNonDiffJvpDerivatives.app(cube);
    assertThat(FunctionObjectsDerivatives.twiceGrad(app, 1.5)).isEqualTo(5.0);
    assertThat(FunctionObjectsDerivatives.twiceJvp(app, 1.5, 1.0).tangent()).isEqualTo(5.0);
    assertThat(FunctionObjects.twice(app, 1.5)).isWithin(TOL).of(Math.pow(1.5, 9) + 1.5);
    // the custom_vjp app: 5 per call
    DiffFn1 vjpApp = SeedNonDiffVjpDerivatives.app(cube);
    assertThat(FunctionObjectsDerivatives.twiceGrad(vjpApp, 1.5)).isEqualTo(26.0);
  }

  @Test
  void customVjpRulesReceiveFunctionObjects() {
    for (double x : new double[] {-0.8, 0.6, 1.4}) {
      assertThat(FunctionObjects.cubeViaRule(x)).isWithin(TOL).of(8 * x * x * x);
      assertThat(FunctionObjectsDerivatives.cubeViaRuleGrad(x)).isWithin(TOL).of(24 * x * x);
    }
  }

  @Test
  void reverseOnlyObjectsRefuseForwardMode() {
    DiffFn1 half = FunctionObjectsDerivatives.halfGrad();
    // halfGrad's bwd returns x·g: half the true derivative of x².
    assertThat(half.grad(3.0)).isEqualTo(3.0);
    assertThat(FunctionObjectsDerivatives.twiceGrad(half, 1.5)).isWithin(TOL).of(1.5 * 1.5 * 1.5 + 1);
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> FunctionObjectsDerivatives.twiceJvp(half, 1.5, 1.0));
    assertThat(e).hasMessageThat().contains("halfGrad has no forward mode");
  }

  @Test
  void aHandWrittenObjectIsDifferentiatedThroughItsOwnRules() {
    DiffFn1 exp = new DiffFn1() {
      @Override
      public double value(double x) {
        return Math.exp(x);
      }

      @Override
      public io.jgrad.runtime.Dual jvp(double x, double xDot) {
        return io.jgrad.runtime.Dual.of(Math.exp(x), Math.exp(x) * xDot);
      }

      @Override
      public io.jgrad.runtime.ScalarVjp vjp(double x) {
        return new io.jgrad.runtime.ScalarVjp(Math.exp(x), g -> Math.exp(x) * g);
      }
    };
    double x = 0.3;
    // exp(exp(x)) + x
    double closed = Math.exp(Math.exp(x)) * Math.exp(x) + 1;
    assertThat(FunctionObjectsDerivatives.twiceGrad(exp, x)).isWithin(TOL).of(closed);
    assertThat(FunctionObjectsDerivatives.twiceJvp(exp, x, 1.0).tangent()).isWithin(TOL).of(closed);
  }
}

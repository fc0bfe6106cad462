package io.jgrad.examples.precision;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.runtime.DiffFn1;
import io.jgrad.runtime.DiffFn2;
import io.jgrad.runtime.Grad2;
import org.junit.jupiter.api.Test;

/**
 * The objects of {@code float} functions ({@code DiffFn1}/{@code DiffFn2} over doubles) and of a
 * double function reaching one, with their derivative objects to the compiled order, against
 * closed forms; and those objects passed to differentiated code.
 */
class FloatFunctionObjectsTest {
  private static final double TOLERANCE = 1e-5;
  private static final double X = 0.75;
  private static final double Y = -1.25;

  @Test
  void floatCubeCarriesThreeDerivatives() {
    DiffFn1 f = FloatFunctionObjectsDerivatives.cube();
    assertThat(f.value(X)).isWithin(TOLERANCE).of(X * X * X);
    assertThat(f.jvp(X, 0.5).tangent()).isWithin(TOLERANCE).of(0.5 * 3 * X * X);
    assertThat(f.grad(X)).isWithin(TOLERANCE).of(3 * X * X);
    DiffFn1 d1 = f.derivative();
    assertThat(d1.value(X)).isWithin(TOLERANCE).of(3 * X * X);
    assertThat(d1.jvp(X, 0.5).tangent()).isWithin(TOLERANCE).of(0.5 * 6 * X);
    assertThat(d1.vjp(X).pullback(2.0)).isWithin(TOLERANCE).of(2 * 6 * X);
    DiffFn1 d2 = d1.derivative();
    assertThat(d2.value(X)).isWithin(TOLERANCE).of(6 * X);
    assertThat(d2.jvp(X, 0.5).tangent()).isWithin(TOLERANCE).of(0.5 * 6);
    assertThat(d2.grad(X)).isWithin(TOLERANCE).of(6);
    DiffFn1 d3 = d2.derivative();
    assertThat(d3.value(X)).isWithin(TOLERANCE).of(6);
    UnsupportedOperationException beyond = assertThrows(UnsupportedOperationException.class, () -> d3.jvp(X, 1));
    assertThat(beyond).hasMessageThat().contains("order = 4");
  }

  @Test
  void floatArgumentsAreNarrowedAsTheFunctionNarrowsThem() {
    // 0.1 is not a float: the object computes cube((float) 0.1), as a call of cube would.
    float narrowed = (float) 0.1;
    assertThat(FloatFunctionObjectsDerivatives.cube().value(0.1)).isEqualTo((double) (narrowed * narrowed * narrowed));
  }

  @Test
  void twoParameterObjectOfAFloatFunction() {
    DiffFn2 f = FloatFunctionObjectsDerivatives.scaled();
    assertThat(f.value(X, Y)).isWithin(TOLERANCE).of(X * X * Y);
    assertThat(f.jvp(X, Y, 0.5, -0.25).tangent()).isWithin(TOLERANCE).of(0.5 * 2 * X * Y - 0.25 * X * X);
    Grad2 g = f.vjp(X, Y).pullback(1.0);
    assertThat(g.first()).isWithin(TOLERANCE).of(2 * X * Y);
    assertThat(g.second()).isWithin(TOLERANCE).of(X * X);
    DiffFn2 dx = f.partialFirst();
    assertThat(dx.value(X, Y)).isWithin(TOLERANCE).of(2 * X * Y);
    Grad2 h = dx.vjp(X, Y).pullback(1.0);
    assertThat(h.first()).isWithin(TOLERANCE).of(2 * Y);
    assertThat(h.second()).isWithin(TOLERANCE).of(2 * X);
    assertThat(dx.jvp(X, Y, 0.5, -0.25).tangent()).isWithin(TOLERANCE).of(0.5 * 2 * Y - 0.25 * 2 * X);
    assertThat(f.partialSecond().value(X, Y)).isWithin(TOLERANCE).of(X * X);
    assertThat(dx.partialSecond().value(X, Y)).isWithin(TOLERANCE).of(2 * X);
    assertThrows(UnsupportedOperationException.class, () -> dx.partialSecond().jvp(X, Y, 1, 0));
  }

  @Test
  void doubleFunctionReachingAFloatOneHasDerivativeObjects() {
    DiffFn1 f = FloatFunctionObjectsDerivatives.reachesFloat();
    DiffFn1 d1 = f.derivative();
    assertThat(d1.value(X)).isWithin(TOLERANCE).of(3 * X * X);
    assertThat(d1.jvp(X, 0.5).tangent()).isWithin(TOLERANCE).of(0.5 * 6 * X);
    assertThat(d1.grad(X)).isWithin(TOLERANCE).of(6 * X);
    assertThat(d1.derivative().value(X)).isWithin(TOLERANCE).of(6 * X);
  }

  @Test
  void floatObjectsThroughDifferentiatedCode() {
    // timesX(cube, x) = x⁴: 4x³, 12x².
    DiffFn1 cube = FloatFunctionObjectsDerivatives.cube();
    assertThat(FloatFunctionObjectsDerivatives.timesXGrad(cube, X)).isWithin(TOLERANCE).of(4 * X * X * X);
    assertThat(FloatFunctionObjectsDerivatives.timesXJvp(cube, X, 0.5).tangent()).isWithin(TOLERANCE)
        .of(0.5 * 4 * X * X * X);
    assertThat(FloatFunctionObjectsDerivatives.timesXHessian(cube, X)).isWithin(TOLERANCE).of(12 * X * X);
    // slopePlusValue(scaled, x, y) = 2xy + x²y: gradient (2y + 2xy, 2x + x²).
    var g = FloatFunctionObjectsDerivatives.slopePlusValueGrad(FloatFunctionObjectsDerivatives.scaled(), X, Y);
    assertThat(g.x()).isWithin(TOLERANCE).of(2 * Y + 2 * X * Y);
    assertThat(g.y()).isWithin(TOLERANCE).of(2 * X + X * X);
  }
}

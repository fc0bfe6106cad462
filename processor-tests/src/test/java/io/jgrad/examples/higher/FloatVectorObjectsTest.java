package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.runtime.DiffFnN;
import io.jgrad.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * {@code DiffFnN} objects of functions of one {@code float[]} and of three numbers with a
 * {@code float} among them: value, jvp, vjp and the partials to the function's order against closed
 * forms (inputs exact in float, so only float rounding of the arithmetic separates them).
 */
class FloatVectorObjectsTest {
  private static final double TOL = 1e-5;

  @Test
  void aFloatArrayFunctionHasAnObjectWithItsPartialsToOrderThree() {
    DiffFnN f = FloatVectorObjectsDerivatives.chain();
    double[] x = {0.5, -1.25, 0.75, 1.5};
    // f = x0²x1 + x1²x2 + x2²x3
    assertThat(f.value(x)).isWithin(TOL).of(0.25 * -1.25 + 1.5625 * 0.75 + 0.5625 * 1.5);
    double[] grad = f.grad(x);
    for (int j = 0; j < x.length; j++) {
      double expected = (j + 1 < x.length ? 2 * x[j] * x[j + 1] : 0) + (j > 0 ? x[j - 1] * x[j - 1] : 0);
      assertThat(grad[j]).isWithin(TOL).of(expected);
    }
    double[] dir = {0.25, 1.0, -0.5, 2.0};
    Dual d = f.jvp(x, dir);
    double directional = 0;
    for (int j = 0; j < x.length; j++) {
      directional += grad[j] * dir[j];
    }
    assertThat(d.value()).isWithin(TOL).of(f.value(x));
    assertThat(d.tangent()).isWithin(TOL).of(directional);
    assertThat(f.partial(0).value(x)).isWithin(TOL).of(2 * x[0] * x[1]);
    assertThat(f.partial(0).partial(1).value(x)).isWithin(TOL).of(2 * x[0]);
    assertThat(f.partial(1).partial(1).value(x)).isWithin(TOL).of(2 * x[2]);
    assertThat(f.partial(0).partial(0).partial(1).value(x)).isWithin(TOL).of(2);
    assertThat(f.partial(1).partial(2).partial(2).value(x)).isWithin(TOL).of(0);
    double[] row = f.partial(1).grad(x);  // row 1 of the Hessian: (2x0, 2x2, 2x1, 0)
    assertThat(row).usingTolerance(TOL).containsExactly(2 * x[0], 2 * x[2], 2 * x[1], 0).inOrder();
    assertThat(f.partial(2).jvp(x, dir).tangent()).isWithin(TOL).of(2 * x[1] * dir[1] + 2 * x[3] * dir[2]
        + 2 * x[2] * dir[3]);
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> f.partial(0).partial(0).partial(1).partial(1));
    assertThat(e).hasMessageThat().contains("chain has derivatives to order 3 only; compile it with order = 4");
  }

  @Test
  void aFloatArrayFunctionWithADoubleResult() {
    DiffFnN f = FloatVectorObjectsDerivatives.sines();
    double[] x = {0.5, -1.25, 2.0};
    assertThat(f.grad(x)).usingTolerance(TOL)
        .containsExactly(Math.cos(0.5), Math.cos(-1.25), Math.cos(2.0)).inOrder();
    assertThat(f.partial(1).partial(1).value(x)).isWithin(TOL).of(-Math.sin(-1.25));
    assertThat(f.partial(0).partial(2).value(x)).isWithin(TOL).of(0);
    assertThat(f.partial(2).grad(x)).usingTolerance(TOL).containsExactly(0, 0, -Math.sin(2.0)).inOrder();
  }

  @Test
  void threeNumbersWithFloatsAmongThem() {
    DiffFnN f = FloatVectorObjectsDerivatives.mixed3();
    double a = 0.75;
    double b = -1.2;
    double c = 0.5;
    // f = a²b + sin(bc) + c³
    assertThat(f.value(a, b, c)).isWithin(TOL).of(a * a * b + Math.sin(b * c) + c * c * c);
    assertThat(f.grad(a, b, c)).usingTolerance(TOL).containsExactly(2 * a * b, a * a + c * Math.cos(b * c),
        b * Math.cos(b * c) + 3 * c * c).inOrder();
    assertThat(f.jvp(new double[] {a, b, c}, new double[] {0, 0, 1}).tangent()).isWithin(TOL)
        .of(b * Math.cos(b * c) + 3 * c * c);
    assertThat(f.partial(0).partial(1).value(a, b, c)).isWithin(TOL).of(2 * a);
    assertThat(f.partial(2).partial(2).value(a, b, c)).isWithin(TOL).of(-b * b * Math.sin(b * c) + 6 * c);
    assertThat(f.partial(2).partial(2).partial(2).value(a, b, c)).isWithin(TOL)
        .of(-b * b * b * Math.cos(b * c) + 6);
    assertThat(f.partial(0).partial(0).partial(1).value(a, b, c)).isWithin(TOL).of(2);
    assertThrows(IllegalArgumentException.class, () -> f.value(a, b));

    DiffFnN g = FloatVectorObjectsDerivatives.floats3();
    // g = a²b + bc³
    assertThat(g.value(a, b, c)).isWithin(TOL).of(a * a * (float) b + (float) b * c * c * c);
    assertThat(g.grad(a, b, c)).usingTolerance(TOL).containsExactly(2 * a * (float) b, a * a + c * c * c,
        3 * (float) b * c * c).inOrder();
    assertThat(g.partial(1).partial(2).value(a, b, c)).isWithin(TOL).of(3 * c * c);
    assertThat(g.partial(2).grad(a, b, c)).usingTolerance(TOL).containsExactly(0, 3 * c * c,
        6 * (float) b * c).inOrder();
    assertThrows(UnsupportedOperationException.class, () -> g.partial(1).partial(2).partial(0));
  }
}

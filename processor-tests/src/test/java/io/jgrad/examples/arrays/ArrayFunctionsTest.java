package io.jgrad.examples.arrays;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Local arrays written in loops and array results: reverse mode (which must undo overwritten
 * elements), forward mode and central finite differences agree.
 */
class ArrayFunctionsTest {
  private static final double H = 1e-6;

  private static double[] plus(double[] x, int i, double h) {
    double[] y = x.clone();
    y[i] += h;
    return y;
  }

  /** ∂f/∂x_i by central differences. */
  private static double fd(ToDoubleFunction<double[]> f, double[] x, int i) {
    return (f.applyAsDouble(plus(x, i, H)) - f.applyAsDouble(plus(x, i, -H))) / (2 * H);
  }

  private static double[] unit(int n, int i) {
    double[] e = new double[n];
    e[i] = 1;
    return e;
  }

  @Test
  void aCotangentArrayHasTheArraysLengthWhenItsLengthExpressionChanges() {
    double x = 0.4;
    double y = -0.3;
    // s = Σ_{i=1..3} (i·x + y)²: ∂s/∂x = Σ 2i(i·x + y), ∂s/∂y = Σ 2(i·x + y).
    double dx = 0;
    double dy = 0;
    for (int i = 1; i <= 3; i++) {
      dx += 2 * i * (i * x + y);
      dy += 2 * (i * x + y);
    }
    var grad = ArrayFunctionsDerivatives.lengthChangesLaterGrad(x, y);
    var pulled = ArrayFunctionsDerivatives.lengthChangesLaterVjp(x, y).pullback(1.0);
    assertThat(grad.x()).isWithin(1e-12).of(dx);
    assertThat(grad.y()).isWithin(1e-12).of(dy);
    assertThat(pulled.x()).isWithin(1e-12).of(dx);
    assertThat(pulled.y()).isWithin(1e-12).of(dy);
  }

  @Test
  void prefixProducts() {
    double[] x = {0.9, -1.2, 1.1, 0.7, 1.3};
    double[] g = ArrayFunctionsDerivatives.prefixProductsGrad(x);
    for (int i = 0; i < x.length; i++) {
      assertThat(g[i]).isWithin(1e-7).of(fd(ArrayFunctions::prefixProducts, x, i));
      assertThat(ArrayFunctionsDerivatives.prefixProductsJvp(x, unit(x.length, i)).tangent()).isWithin(1e-12).of(g[i]);
    }
  }

  @Test
  void anIndexFromMathFloorModIsIntegerArithmetic() {
    double[] x = {0.9, -1.2, 1.1, 0.7, 1.3};
    int n = x.length;
    for (int k : new int[] {-7, -1, 0, 2, 6}) {
      double[] g = ArrayFunctionsDerivatives.rolledDotGrad(x, k);
      for (int j = 0; j < n; j++) {
        // closed form: x_j meets x[(j + k) mod n] as the i = j term and x[(j - k) mod n] as the i = j - k term
        double want = x[Math.floorMod(j + k, n)] + x[Math.floorMod(j - k, n)];
        assertThat(g[j]).isWithin(1e-15).of(want);
        assertThat(ArrayFunctionsDerivatives.rolledDotJvp(x, k, unit(n, j)).tangent()).isWithin(1e-15).of(want);
      }
    }
  }

  @Test
  void elementsOverwrittenInNestedLoops() {
    double[] x = {0.3, -0.8, 0.5, 1.4};
    double a = 0.7;
    for (int rounds = 0; rounds <= 3; rounds++) {
      int r = rounds;
      var g = ArrayFunctionsDerivatives.smoothGrad(x, a, rounds);
      for (int i = 0; i < x.length; i++) {
        assertThat(g.x()[i]).isWithin(1e-6).of(fd(v -> ArrayFunctions.smooth(v, a, r), x, i));
        assertThat(ArrayFunctionsDerivatives.smoothJvp(x, a, rounds, unit(x.length, i), 0).tangent())
            .isWithin(1e-10).of(g.x()[i]);
      }
      double da = (ArrayFunctions.smooth(x, a + H, r) - ArrayFunctions.smooth(x, a - H, r)) / (2 * H);
      assertThat(g.a()).isWithin(1e-6).of(da);
    }
  }

  @Test
  void arrayResult() {
    double[] x = {0.4, -1.1, 2.0};
    double a = 1.5;
    var jvp = ArrayFunctionsDerivatives.mapJvp(x, a, new double[] {0.2, -0.3, 0.7}, 0.4);
    assertThat(jvp.value()).usingTolerance(0).containsExactly(ArrayFunctions.map(x, a)).inOrder();
    var vjp = ArrayFunctionsDerivatives.mapVjp(x, a);
    assertThat(vjp.value()).usingTolerance(0).containsExactly(ArrayFunctions.map(x, a)).inOrder();
    // Row j of the Jacobian, by the pullback of e_j, against finite differences and forward mode.
    for (int j = 0; j < x.length; j++) {
      int out = j;
      var g = vjp.pullback(unit(x.length, j));
      for (int i = 0; i < x.length; i++) {
        assertThat(g.x()[i]).isWithin(1e-7).of(fd(v -> ArrayFunctions.map(v, a)[out], x, i));
        assertThat(ArrayFunctionsDerivatives.mapJvp(x, a, unit(x.length, i), 0).tangent()[j]).isWithin(1e-12)
            .of(g.x()[i]);
      }
      assertThat(g.a()).isWithin(1e-12).of(x[j] * x[j]);
    }
    // <J t, c> = <t, J^T c>
    double[] c = {0.3, 0.9, -0.5};
    var g = vjp.pullback(c);
    double lhs = 0;
    for (int j = 0; j < x.length; j++) {
      lhs += jvp.tangent()[j] * c[j];
    }
    double rhs = g.a() * 0.4 + g.x()[0] * 0.2 - g.x()[1] * 0.3 + g.x()[2] * 0.7;
    assertThat(rhs).isWithin(1e-12).of(lhs);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vjp.pullback(new double[2]));
    assertThat(e).hasMessageThat().contains("outBar");
  }

  @Test
  void overwrittenElementLosesItsDerivative() {
    double[] x = {1.3, -0.6};
    double[] g = ArrayFunctionsDerivatives.overwriteGrad(x);
    // y0 = 3, y1 = x0^2 x1: f = 3 x0^2 x1
    assertThat(g[0]).isWithin(1e-12).of(6 * x[0] * x[1]);
    assertThat(g[1]).isWithin(1e-12).of(3 * x[0] * x[0]);
  }

  @Test
  void parameterReturnedAsItIs() {
    double[] x = {1, 2};
    double[] c = {0.5, -3};
    assertThat(ArrayFunctionsDerivatives.sameVjp(x).pullback(c)).usingTolerance(0).containsExactly(0.5, -3).inOrder();
    assertThat(c).usingTolerance(0).containsExactly(0.5, -3).inOrder();
    assertThat(ArrayFunctionsDerivatives.sameJvp(x, c).tangent()).usingTolerance(0).containsExactly(0.5, -3).inOrder();
  }
}

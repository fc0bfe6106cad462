package io.jgrad.examples.nondiff;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.runtime.DiffFnN;
import io.jgrad.runtime.GradCheck;
import org.junit.jupiter.api.Test;

/** DiffFnN objects and higher-order functions taking them, against closed forms and GradCheck. */
class VectorFunctionObjectsTest {
  private static final double TOL = 1e-10;

  @Test
  void objectsOfScalarAndArrayFunctions() {
    DiffFnN norm = VectorFunctionObjectsDerivatives.norm3();
    double r = Math.sqrt(1 + 4 + 9);
    assertThat(norm.value(1, 2, 3)).isWithin(TOL).of(r);
    assertThat(norm.grad(1, 2, 3)).usingTolerance(TOL).containsExactly(1 / r, 2 / r, 3 / r).inOrder();
    assertThat(norm.jvp(new double[] {1, 2, 3}, new double[] {1, 0, 1}).tangent()).isWithin(TOL).of(4 / r);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> norm.value(1, 2));
    assertThat(e).hasMessageThat().isEqualTo("norm3 takes 3 values, not 2");

    DiffFnN sum = VectorFunctionObjectsDerivatives.sumSquares();
    assertThat(sum.value(1, 2, 3, 4)).isWithin(TOL).of(30);
    assertThat(sum.grad(1, 2, 3, 4)).usingTolerance(TOL).containsExactly(2, 4, 6, 8).inOrder();

    // weighted(w = 0.5, a, k = 3, b, c) = 0.5 a b + 3 c, as a function of (a, b, c)
    DiffFnN weighted = VectorFunctionObjectsDerivatives.weighted(0.5, 3);
    assertThat(weighted.value(2, 5, 7)).isWithin(TOL).of(0.5 * 2 * 5 + 3 * 7);
    assertThat(weighted.grad(2, 5, 7)).usingTolerance(TOL).containsExactly(2.5, 1.0, 3.0).inOrder();
  }

  @Test
  void scalarsPackedThroughTheObject() {
    DiffFnN norm = VectorFunctionObjectsDerivatives.norm3();
    double x = 0.7;
    double y = -1.3;
    double r = Math.sqrt(x * x + x * x * y * y + 4);
    var g = VectorFunctionObjectsDerivatives.applyScalarsGrad(norm, x, y);
    assertThat(g.x()).isWithin(TOL).of((x + x * y * y) / r * y);
    assertThat(g.y()).isWithin(TOL).of(x * x * y / r * y + r);
    assertThat(VectorFunctionObjectsDerivatives.applyScalarsJvp(norm, x, y, 1, 0).tangent()).isWithin(TOL)
        .of(g.x());
    GradCheck.of(VectorFunctionObjectsDerivatives.applyScalars(norm)).at(x, y).assertValid();
  }

  @Test
  void arraysPassedThroughTheObject() {
    DiffFnN sum = VectorFunctionObjectsDerivatives.sumSquares();
    double[] xs = {1.5, -2, 0.5};
    double s = 1.5 * 1.5 + 4 + 0.25;
    double[] g = VectorFunctionObjectsDerivatives.applyVectorGrad(sum, xs);
    assertThat(g).usingTolerance(TOL).containsExactly(2 * 1.5 * 1.5 + s, 2 * -2 * 1.5, 2 * 0.5 * 1.5).inOrder();
    assertThat(VectorFunctionObjectsDerivatives.applyVectorJvp(sum, xs, new double[] {0, 1, 0}).tangent())
        .isWithin(TOL).of(2 * -2 * 1.5);
    DiffFnN composed = VectorFunctionObjectsDerivatives.applyVector(sum);
    assertThat(composed.grad(xs)).usingTolerance(TOL).containsExactly(g[0], g[1], g[2]).inOrder();
  }
}

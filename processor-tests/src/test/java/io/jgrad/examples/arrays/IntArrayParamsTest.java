package io.jgrad.examples.arrays;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code int[]} parameters in every mode and at order 2, against closed forms (custom rules that take one:
 * BatchedSharedArraysTest).
 */
class IntArrayParamsTest {
  private static final double[] X = {0.7, -1.3, 0.4, 2.1};
  private static final int[] IDX = {2, 0, 3, 0};

  /** The gradient of {@code sum_k x[idx[k]] x[k]}: each term gives x[k] to idx[k] and x[idx[k]] to k. */
  private static double[] gatherGradient(double[] x, int[] idx) {
    double[] g = new double[x.length];
    for (int k = 0; k < idx.length; k++) {
      g[idx[k]] += x[k];
      g[k] += x[idx[k]];
    }
    return g;
  }

  @Test
  void gradJvpAndValueMatchTheClosedForm() {
    double want = 0;
    for (int k = 0; k < 4; k++) {
      want += X[IDX[k]] * X[k];
    }
    assertThat(IntArrayParamsDerivatives.gatherValueAndGrad(X, IDX).value()).isWithin(1e-15).of(want);
    double[] g = gatherGradient(X, IDX);
    assertThat(IntArrayParamsDerivatives.gatherGrad(X, IDX)).usingTolerance(1e-15).containsExactly(g).inOrder();
    double[] v = {1, -2, 0.5, 3};
    double dot = 0;
    for (int j = 0; j < 4; j++) {
      dot += g[j] * v[j];
    }
    assertThat(IntArrayParamsDerivatives.gatherJvp(X, IDX, v).tangent()).isWithin(1e-14).of(dot);
  }

  @Test
  void aPullbackScalesTheGradient() {
    var vjp = IntArrayParamsDerivatives.gatherVjp(X, IDX);
    double[] g = gatherGradient(X, IDX);
    assertThat(vjp.pullback(2.0)).usingTolerance(1e-15)
        .containsExactly(2 * g[0], 2 * g[1], 2 * g[2], 2 * g[3]).inOrder();
  }

  @Test
  void theHessianOfAMonomialWithExponentsInAnArray() {
    double x = 1.3;
    double y = -0.8;
    int[] p = {3, 2};
    double[][] h = IntArrayParamsDerivatives.monomialHessian(x, y, p);
    assertThat(h[0][0]).isWithin(1e-13).of(6 * x * y * y);
    assertThat(h[0][1]).isWithin(1e-13).of(6 * x * x * y);
    assertThat(h[1][0]).isWithin(1e-13).of(6 * x * x * y);
    assertThat(h[1][1]).isWithin(1e-13).of(2 * x * x * x);
    var g = IntArrayParamsDerivatives.monomialGrad(x, y, p);
    assertThat(g.x()).isWithin(1e-13).of(3 * x * x * y * y);
    assertThat(g.y()).isWithin(1e-13).of(2 * x * x * x * y);
  }
}

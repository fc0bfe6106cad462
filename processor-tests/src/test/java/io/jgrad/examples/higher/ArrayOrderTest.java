package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Second and third derivatives over array parameters against closed forms (Σ xᵢ², Rosenbrock's
 * tridiagonal Hessian, log-sum-exp's diag(p) - ppᵀ, Σ xᵢ³) and against central differences of
 * {@code fGrad}; {@code fHvp}, {@code fHessianDiagonal} and the dense {@code fHessian} agree.
 */
class ArrayOrderTest {
  private static final double H = 1e-6;
  private static final double[] X = {0.7, -1.3, 0.4, 1.9};
  private static final double[] V = {0.3, 1.1, -0.8, 0.5};

  /** The Hessian by central differences of the gradient {@code grad}: column j is ∂∇f/∂xⱼ. */
  private static double[][] differencedHessian(Function<double[], double[]> grad, double[] x) {
    int n = x.length;
    double[][] h = new double[n][n];
    for (int j = 0; j < n; j++) {
      double[] up = x.clone();
      double[] down = x.clone();
      up[j] += H;
      down[j] -= H;
      double[] gUp = grad.apply(up);
      double[] gDown = grad.apply(down);
      for (int i = 0; i < n; i++) {
        h[i][j] = (gUp[i] - gDown[i]) / (2 * H);
      }
    }
    return h;
  }

  private static double[] times(double[][] h, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        out[i] += h[i][j] * v[j];
      }
    }
    return out;
  }

  private static double[] diagonal(double[][] h) {
    double[] out = new double[h.length];
    for (int i = 0; i < h.length; i++) {
      out[i] = h[i][i];
    }
    return out;
  }

  /** fHessian, fHessianDiagonal and fHvp against {@code expected}, within {@code tolerance}. */
  private static void assertSecondOrder(double[][] expected, double[][] hessian, double[] diagonal, double[] hvp,
      double tolerance) {
    for (int i = 0; i < expected.length; i++) {
      assertThat(hessian[i]).usingTolerance(tolerance).containsExactly(expected[i]).inOrder();
    }
    assertThat(diagonal).usingTolerance(tolerance).containsExactly(diagonal(expected)).inOrder();
    assertThat(hvp).usingTolerance(tolerance).containsExactly(times(expected, V)).inOrder();
  }

  @Test
  void sumOfSquaresHasTwiceTheIdentity() {
    double[][] twoI = new double[X.length][X.length];
    for (int i = 0; i < X.length; i++) {
      twoI[i][i] = 2;
    }
    assertSecondOrder(twoI, ArrayOrderExamplesDerivatives.sumSquaresHessian(X),
        ArrayOrderExamplesDerivatives.sumSquaresHessianDiagonal(X), ArrayOrderExamplesDerivatives.sumSquaresHvp(X, V),
        1e-12);
  }

  @Test
  void rosenbrockHasItsTridiagonalHessian() {
    int n = X.length;
    double[][] h = new double[n][n];
    for (int i = 0; i + 1 < n; i++) {
      // 100 (x_{i+1} - x_i²)² + (1 - x_i)²
      h[i][i] += 1200 * X[i] * X[i] - 400 * X[i + 1] + 2;
      h[i][i + 1] += -400 * X[i];
      h[i + 1][i] += -400 * X[i];
      h[i + 1][i + 1] += 200;
    }
    assertSecondOrder(h, ArrayOrderExamplesDerivatives.rosenbrockHessian(X),
        ArrayOrderExamplesDerivatives.rosenbrockHessianDiagonal(X), ArrayOrderExamplesDerivatives.rosenbrockHvp(X, V),
        1e-9);
  }

  @Test
  void logSumExpHasSoftmaxCovariance() {
    double total = 0;
    for (double x : X) {
      total += Math.exp(x);
    }
    double[] p = new double[X.length];
    for (int i = 0; i < X.length; i++) {
      p[i] = Math.exp(X[i]) / total;
    }
    double[][] h = new double[X.length][X.length];
    for (int i = 0; i < X.length; i++) {
      for (int j = 0; j < X.length; j++) {
        h[i][j] = (i == j ? p[i] : 0) - p[i] * p[j];
      }
    }
    assertSecondOrder(h, ArrayOrderExamplesDerivatives.logSumExpHessian(X),
        ArrayOrderExamplesDerivatives.logSumExpHessianDiagonal(X), ArrayOrderExamplesDerivatives.logSumExpHvp(X, V),
        1e-12);
  }

  @Test
  void localArrayOfSoftmaxWeightsMatchesDifferencedGradient() {
    double[][] fd = differencedHessian(ArrayOrderExamplesDerivatives::softmaxMeanGrad, X);
    assertSecondOrder(fd, ArrayOrderExamplesDerivatives.softmaxMeanHessian(X),
        ArrayOrderExamplesDerivatives.softmaxMeanHessianDiagonal(X), ArrayOrderExamplesDerivatives.softmaxMeanHvp(X, V),
        1e-6);
    // At x = 0 the weights are 1/n and ∂²f/∂xₖ∂xₗ = 2pₖ(δₖₗ - pₗ): 2(1/n)(1 - 1/n) on the diagonal, -2/n² off it.
    double[] zero = new double[3];
    double[][] h = ArrayOrderExamplesDerivatives.softmaxMeanHessian(zero);
    assertThat(h[0][0]).isWithin(1e-12).of(2.0 / 3 * (1 - 1.0 / 3));
    assertThat(h[0][2]).isWithin(1e-12).of(-2.0 / 9);
  }

  @Test
  void customRuleOverAnArrayMatchesDifferencedGradient() {
    double[][] fd = differencedHessian(ArrayOrderExamplesDerivatives::quarticTimesFirstGrad, X);
    assertSecondOrder(fd, ArrayOrderExamplesDerivatives.quarticTimesFirstHessian(X),
        ArrayOrderExamplesDerivatives.quarticTimesFirstHessianDiagonal(X),
        ArrayOrderExamplesDerivatives.quarticTimesFirstHvp(X, V), 1e-4);
    // f = x0 Σ xᵢ⁴: ∂²f/∂x0∂x1 = 4 x1³, ∂²f/∂x1² = 12 x0 x1².
    double[][] h = ArrayOrderExamplesDerivatives.quarticTimesFirstHessian(X);
    assertThat(h[0][1]).isWithin(1e-12).of(4 * X[1] * X[1] * X[1]);
    assertThat(h[1][1]).isWithin(1e-12).of(12 * X[0] * X[1] * X[1]);
    // At order 3: ∂³f/∂x0∂x1² = 12 x1², and D³f[e0, e1, w] is the derivative of H[0][1] along w.
    double[] e0 = {1, 0, 0, 0};
    double[] e1 = {0, 1, 0, 0};
    assertThat(ArrayOrderExamplesDerivatives.quarticTimesFirstDerivative(X, e0, e1, e1))
        .isWithin(1e-12).of(12 * X[1] * X[1]);
    double[] up = X.clone();
    double[] down = X.clone();
    for (int i = 0; i < X.length; i++) {
      up[i] += H * V[i];
      down[i] -= H * V[i];
    }
    double slope = (ArrayOrderExamplesDerivatives.quarticTimesFirstHessian(up)[0][1]
        - ArrayOrderExamplesDerivatives.quarticTimesFirstHessian(down)[0][1]) / (2 * H);
    assertThat(ArrayOrderExamplesDerivatives.quarticTimesFirstDerivative(X, e0, e1, V)).isWithin(1e-5).of(slope);
  }

  @Test
  void callOfAnArrayFunctionNextToAScalarGivesTheGradientShapedHvp() {
    double a = 0.6;
    double vA = -0.9;
    var hvp = ArrayOrderExamplesDerivatives.scaledSquaresHvp(X, a, V, vA);
    // f = a Σ xᵢ² + sin(a x0).
    double s = Math.sin(a * X[0]);
    double c = Math.cos(a * X[0]);
    double[] expectedX = new double[X.length];
    double expectedA = 0;
    for (int i = 0; i < X.length; i++) {
      double xa = 2 * X[i] + (i == 0 ? c - a * X[0] * s : 0); // ∂²f/∂xᵢ∂a
      expectedX[i] = 2 * a * V[i] + (i == 0 ? -a * a * s * V[0] : 0) + xa * vA;
      expectedA += xa * V[i];
    }
    expectedA += -X[0] * X[0] * s * vA;
    assertThat(hvp.x()).usingTolerance(1e-12).containsExactly(expectedX).inOrder();
    assertThat(hvp.a()).isWithin(1e-12).of(expectedA);
    // The second directional derivative along (V, vA) twice is vᵀ H v.
    double vHv = expectedA * vA;
    for (int i = 0; i < X.length; i++) {
      vHv += expectedX[i] * V[i];
    }
    assertThat(ArrayOrderExamplesDerivatives.scaledSquaresDerivative(X, a, V, vA, V, vA)).isWithin(1e-12).of(vHv);
  }

  /**
   * fHvp (one pass where no rule is reached, reverse over forward) against the Hessian by central
   * differences of fGrad times v: loops, a local array, a call, a custom rule over an array.
   */
  @Test
  void hvpIsTheDifferencedHessianTimesV() {
    List<Function<double[], double[]>> grads = List.of(ArrayOrderExamplesDerivatives::sumSquaresGrad,
        ArrayOrderExamplesDerivatives::rosenbrockGrad, ArrayOrderExamplesDerivatives::logSumExpGrad,
        ArrayOrderExamplesDerivatives::softmaxMeanGrad, ArrayOrderExamplesDerivatives::quarticTimesFirstGrad,
        ArrayOrderExamplesDerivatives::cubesOfDoubledGrad);
    List<BiFunction<double[], double[], double[]>> hvps = List.of(ArrayOrderExamplesDerivatives::sumSquaresHvp,
        ArrayOrderExamplesDerivatives::rosenbrockHvp, ArrayOrderExamplesDerivatives::logSumExpHvp,
        ArrayOrderExamplesDerivatives::softmaxMeanHvp, ArrayOrderExamplesDerivatives::quarticTimesFirstHvp,
        ArrayOrderExamplesDerivatives::cubesOfDoubledHvp);
    for (int k = 0; k < grads.size(); k++) {
      double[] expected = times(differencedHessian(grads.get(k), X), V);
      double scale = 1;
      for (double e : expected) {
        scale = Math.max(scale, Math.abs(e));
      }
      assertThat(hvps.get(k).apply(X, V)).usingTolerance(1e-6 * scale).containsExactly(expected).inOrder();
    }
  }

  /** Rosenbrock at n = 200, one pass, against its tridiagonal Hessian times v in closed form. */
  @Test
  void rosenbrockHvpAtALargerSize() {
    int n = 200;
    double[] x = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.sin(0.37 * i);
      v[i] = Math.cos(1.3 * i);
    }
    double[] expected = new double[n];
    for (int i = 0; i + 1 < n; i++) {
      expected[i] += (1200 * x[i] * x[i] - 400 * x[i + 1] + 2) * v[i] - 400 * x[i] * v[i + 1];
      expected[i + 1] += -400 * x[i] * v[i] + 200 * v[i + 1];
    }
    assertThat(ArrayOrderExamplesDerivatives.rosenbrockHvp(x, v)).usingTolerance(1e-9).containsExactly(expected)
        .inOrder();
  }

  /**
   * A rule whose tangent has no symmetric Hessian (∂₁T₀ = 2, ∂₀T₁ = 3): fHessian is JAX's
   * jacfwd(jacrev(f)), [i][j] = ∂ⱼTᵢ as central differences of fGrad give it, and fHvp is
   * jvp(grad(f)) with v the outer direction, fHessian times v (not its transpose).
   */
  @Test
  void asymmetricRuleKeepsHvpAsTheHessianTimesV() {
    double[][] fd = differencedHessian(ArrayOrderExamplesDerivatives::tiltedPlusSquaresGrad, X);
    assertThat(fd[0][1]).isWithin(1e-6).of(2);
    assertThat(fd[1][0]).isWithin(1e-6).of(3);
    assertSecondOrder(fd, ArrayOrderExamplesDerivatives.tiltedPlusSquaresHessian(X),
        ArrayOrderExamplesDerivatives.tiltedPlusSquaresHessianDiagonal(X),
        ArrayOrderExamplesDerivatives.tiltedPlusSquaresHvp(X, V), 1e-6);
    double[] hv = ArrayOrderExamplesDerivatives.tiltedPlusSquaresHvp(X, V);
    assertThat(hv[0]).isWithin(1e-12).of(2 * V[0] + 2 * V[1]);
    assertThat(hv[1]).isWithin(1e-12).of(3 * V[0] + 2 * V[1]);
  }

  @Test
  void floatArrayMatchesItsClosedForm() {
    float[] x = {0.5f, -1.5f, 2f};
    float[] v = {1f, 0.25f, -0.5f};
    // f = Σ xᵢ² xᵢ₊₁: ∂²f/∂xᵢ² = 2xᵢ₊₁, ∂²f/∂xᵢ∂xᵢ₊₁ = 2xᵢ.
    double[][] h = {{2 * x[1], 2 * x[0], 0}, {2 * x[0], 2 * x[2], 2 * x[1]}, {0, 2 * x[1], 0}};
    double[][] hessian = ArrayOrderExamplesDerivatives.floatChainHessian(x);
    float[] diagonal = ArrayOrderExamplesDerivatives.floatChainHessianDiagonal(x);
    float[] hvp = ArrayOrderExamplesDerivatives.floatChainHvp(x, v);
    for (int i = 0; i < 3; i++) {
      assertThat(hessian[i]).usingTolerance(1e-6).containsExactly(h[i]).inOrder();
      assertThat((double) diagonal[i]).isWithin(1e-6).of(h[i][i]);
      assertThat((double) hvp[i]).isWithin(1e-5).of(h[i][0] * v[0] + h[i][1] * v[1] + h[i][2] * v[2]);
    }
  }

  @Test
  void thirdDirectionalDerivativesOverArrays() {
    double[] u = {1.2, -0.4, 0.9, 0.1};
    double[] w = {-0.7, 0.6, 0.2, 1.4};
    // Σ xᵢ³: D³f[u, v, w] = 6 Σ uᵢvᵢwᵢ.
    double expected = 0;
    for (int i = 0; i < X.length; i++) {
      expected += 6 * u[i] * V[i] * w[i];
    }
    assertThat(ArrayOrderExamplesDerivatives.cubesDerivative(X, u, V, w)).isWithin(1e-12).of(expected);
    // Σ (2xᵢ)³ + x0 Σ xᵢ³: 8·6 Σ uvw + Σ over the three places of x0's direction of 6 Σ xᵢ (the other two).
    double expectedCall = 8 * expected;
    double[][] dirs = {u, V, w};
    for (int k = 0; k < 3; k++) {
      double[] a = dirs[(k + 1) % 3];
      double[] b = dirs[(k + 2) % 3];
      double sum = 0;
      for (int i = 0; i < X.length; i++) {
        sum += 6 * X[i] * a[i] * b[i];
      }
      expectedCall += dirs[k][0] * sum;
    }
    expectedCall += X[0] * expected;
    assertThat(ArrayOrderExamplesDerivatives.cubesOfDoubledDerivative(X, u, V, w)).isWithin(1e-10).of(expectedCall);
  }

  @Test
  void badDirectionsAreExceptionsNamingTheArgument() {
    IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
        () -> ArrayOrderExamplesDerivatives.sumSquaresHvp(X, new double[] {1, 2}));
    assertThat(shorter).hasMessageThat().isEqualTo("v has 2 components but x has 4");
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> ArrayOrderExamplesDerivatives.cubesDerivative(X, V, null, V));
    assertThat(missing).hasMessageThat().contains("xDot2 is null");
    IllegalArgumentException nullX = assertThrows(IllegalArgumentException.class,
        () -> ArrayOrderExamplesDerivatives.rosenbrockHessianDiagonal(null));
    assertThat(nullX).hasMessageThat().isEqualTo("x is null");
    assertThrows(IllegalArgumentException.class, () -> ArrayOrderExamplesDerivatives.rosenbrockHessian(null));
  }

  @Test
  void localArraysInScalarFunctionsAtOrdersTwoAndThree() {
    for (double x : X) {
      double s = Math.sin(x * x);
      double c = Math.cos(x * x);
      // x³ + sin(x²): f'' = 6x + 2cos(x²) - 4x² sin(x²), f''' = 6 - 12x sin(x²) - 8x³ cos(x²).
      assertThat(ArrayOrderExamplesDerivatives.cubeThroughArrayHessian(x))
          .isWithin(1e-12).of(6 * x + 2 * c - 4 * x * x * s);
      assertThat(ArrayOrderExamplesDerivatives.cubeThroughArrayDerivative(x, 1, 1, 1))
          .isWithin(1e-11).of(6 - 12 * x * s - 8 * x * x * x * c);
      // 9x³ through cubes of a local array: f'' = 54x, f''' = 54.
      assertThat(ArrayOrderExamplesDerivatives.cubesOfScaledHessian(x)).isWithin(1e-12).of(54 * x);
      assertThat(ArrayOrderExamplesDerivatives.cubesOfScaledDerivative(x, 1, 1, 1)).isWithin(1e-11).of(54);
      // x³: f'' = 6x.
      assertThat(ArrayOrderExamplesDerivatives.copiesHessian(x)).isWithin(1e-12).of(6 * x);
      assertThat(ArrayOrderExamplesDerivatives.copiesHvp(x, 0.5)).isWithin(1e-12).of(3 * x);
    }
  }
}

package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Third and fourth derivatives ({@code fDerivative}) against closed forms and against central
 * differences of the derivative one order below; custom rules with JAX's semantics at every order.
 */
class AnyOrderTest {
  private static final double H = 1e-5;
  private static final double[] POINTS = {0.7, -1.3, 2.1};

  /** The central difference of {@code f} at {@code x}. */
  private static double slope(DoubleUnaryOperator f, double x) {
    return (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
  }

  private static double tolerance(double expected) {
    return 1e-5 * Math.max(1, Math.abs(expected));
  }

  @Test
  void thirdDerivativesOfSinTimesSquareAreItsPartials() {
    for (double x : POINTS) {
      double y = 0.4 - x;
      // f = sin(x)·y²: f_xxx = -cos(x)·y², f_xxy = -2y·sin(x), f_xyy = 2cos(x), f_yyy = 0.
      double[][][] t = new double[2][2][2];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          for (int k = 0; k < 2; k++) {
            int ys = i + j + k;
            t[i][j][k] = ys == 0 ? -Math.cos(x) * y * y : ys == 1 ? -2 * y * Math.sin(x)
                : ys == 2 ? 2 * Math.cos(x) : 0;
          }
        }
      }
      double[][] v = {{0.3, -1.1}, {0.8, 0.5}, {-0.6, 1.7}};
      double expected = 0;
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          for (int k = 0; k < 2; k++) {
            expected += t[i][j][k] * v[0][i] * v[1][j] * v[2][k];
          }
        }
      }
      assertThat(AnyOrderExamplesDerivatives.sinTimesSquareDerivative(x, y, v[0][0], v[0][1], v[1][0], v[1][1],
          v[2][0], v[2][1])).isWithin(1e-12).of(expected);
      assertThat(AnyOrderExamplesDerivatives.sinTimesSquareDerivative(x, y, 1, 0, 1, 0, 0, 1))
          .isWithin(1e-12).of(-2 * y * Math.sin(x));
      // ∂/∂y of the Hessian's [0][0], by central differences.
      double fd = slope(yy -> AnyOrderExamplesDerivatives.sinTimesSquareHessian(x, yy)[0][0], y);
      assertThat(AnyOrderExamplesDerivatives.sinTimesSquareDerivative(x, y, 1, 0, 1, 0, 0, 1))
          .isWithin(tolerance(fd)).of(fd);
      // fHessianByName at order 3 too: ∂²f/∂x∂y = 2y cos x, ∂²f/∂y² = 2 sin x.
      AnyOrderExamplesDerivatives.SinTimesSquareHessian h = AnyOrderExamplesDerivatives.sinTimesSquareHessianByName(x, y);
      assertThat(h.x().y()).isWithin(1e-12).of(2 * y * Math.cos(x));
      assertThat(h.y().y()).isWithin(1e-12).of(2 * Math.sin(x));
    }
  }

  @Test
  void fourthDerivativesOfExpOfProduct() {
    for (double x : POINTS) {
      double y = 0.5 * x + 0.2;
      double e = Math.exp(x * y);
      assertThat(AnyOrderExamplesDerivatives.expOfProductDerivative(x, y, 1, 0, 1, 0, 1, 0, 1, 0))
          .isWithin(1e-10 * e).of(Math.pow(y, 4) * e);
      assertThat(AnyOrderExamplesDerivatives.expOfProductDerivative(x, y, 1, 0, 0, 1, 1, 0, 1, 0))
          .isWithin(1e-10 * e).of((3 * y * y + x * y * y * y) * e);
      assertThat(AnyOrderExamplesDerivatives.expOfProductDerivative(x, y, 0, 1, 1, 0, 0, 1, 1, 0))
          .isWithin(1e-10 * e).of((2 + 4 * x * y + x * x * y * y) * e);
      assertThat(AnyOrderExamplesDerivatives.expOfProductDerivative(x, y, 0, 1, 0, 1, 0, 1, 0, 1))
          .isWithin(1e-10 * e).of(Math.pow(x, 4) * e);
      // Along (a, b) four times: the fourth derivative of exp((x + ta)(y + tb)), by differences of the third.
      double a = 0.3;
      double b = -0.7;
      double fd = (AnyOrderExamplesDerivatives.Internal.expOfProductTangent3(x + a * H, y + b * H, a, b, a, b, a, b)
          - AnyOrderExamplesDerivatives.Internal.expOfProductTangent3(x - a * H, y - b * H, a, b, a, b, a, b))
          / (2 * H);
      assertThat(AnyOrderExamplesDerivatives.expOfProductDerivative(x, y, a, b, a, b, a, b, a, b))
          .isWithin(tolerance(fd)).of(fd);
    }
  }

  @Test
  void thirdDerivativeThroughALoop() {
    for (double x : POINTS) {
      for (int n = 0; n <= 5; n++) {
        double expected = n * (n - 1) * (n - 2) * (n >= 3 ? Math.pow(x, n - 3) : 0);
        assertThat(AnyOrderExamplesDerivatives.powerDerivative(x, n, 1, 1, 1)).isWithin(1e-9).of(expected);
        int m = n;
        double fd = slope(xx -> AnyOrderExamplesDerivatives.powerHessian(xx, m), x);
        assertThat(AnyOrderExamplesDerivatives.powerDerivative(x, n, 1, 1, 1)).isWithin(tolerance(fd)).of(fd);
      }
    }
  }

  @Test
  void thirdDerivativeThroughABranch() {
    for (double x : POINTS) {
      double expected = x > 0 ? 6 : -x * Math.cos(x) - 3 * Math.sin(x);
      assertThat(AnyOrderExamplesDerivatives.branchDerivative(x, 1, 1, 1)).isWithin(1e-12).of(expected);
      assertThat(AnyOrderExamplesDerivatives.branchDerivative(x, 0.5, 2, -1)).isWithin(1e-12).of(-expected);
    }
  }

  /** inner(x) = x·sin(x) and its derivatives. */
  private static double inner2(double x) {
    return -x * Math.sin(x) + 2 * Math.cos(x);
  }

  private static double inner3(double x) {
    return -x * Math.cos(x) - 3 * Math.sin(x);
  }

  @Test
  void thirdDerivativesThroughAChainOfCalls() {
    for (double x : POINTS) {
      double y = 1.1 - 0.3 * x;
      assertThat(AnyOrderExamplesDerivatives.innerDerivative(x, 1, 1, 1)).isWithin(1e-12).of(inner3(x));
      // middle = inner(x·y) + y·inner(y): ∂³/∂x³ = y³·inner'''(xy).
      assertThat(AnyOrderExamplesDerivatives.middleDerivative(x, y, 1, 0, 1, 0, 1, 0))
          .isWithin(1e-12).of(y * y * y * inner3(x * y));
      // outer = x·middle: ∂³/∂x³ = 3y²·inner''(xy) + x·y³·inner'''(xy).
      assertThat(AnyOrderExamplesDerivatives.outerDerivative(x, y, 1, 0, 1, 0, 1, 0))
          .isWithin(1e-12).of(3 * y * y * inner2(x * y) + x * y * y * y * inner3(x * y));
      // A mixed one against differences of the Hessian: ∂/∂x of ∂²/∂y².
      double fd = slope(xx -> AnyOrderExamplesDerivatives.outerHessian(xx, y)[1][1], x);
      assertThat(AnyOrderExamplesDerivatives.outerDerivative(x, y, 0, 1, 1, 0, 0, 1))
          .isWithin(tolerance(fd)).of(fd);
    }
  }

  @Test
  void aRuleIsAppliedOnceAndItsTangentDifferentiatedAsWritten() {
    for (double x : POINTS) {
      // The rule's tangent 2·cos(x)·ẋ, then its derivatives as written: -2 sin, -2 cos, 2 sin.
      assertThat(AnyOrderExamplesDerivatives.skipsDerivative(x, 1, 1, 1, 1)).isWithin(1e-12).of(2 * Math.sin(x));
      assertThat(AnyOrderExamplesDerivatives.callsDerivative(x, 1, 1, 1, 1)).isWithin(1e-12).of(2 * Math.sin(x));
    }
  }

  @Test
  void aRuleThatSkipsItsPrimalIsAppliedAtFirstOrderOnly() {
    for (double x : POINTS) {
      // JAX: s' = 2cos(x) once, then sin(x) and 2cos(x) as written: (s²)' = 4 sin cos, '' = 4cos² - 4sin²,
      // ''' = -16 sin cos; the rule applied at every order would give -32 sin cos.
      double expected = -16 * Math.sin(x) * Math.cos(x);
      assertThat(AnyOrderExamplesDerivatives.skipsSquaredDerivative(x, 1, 1, 1)).isWithin(1e-12).of(expected);
      double fd = slope(AnyOrderExamplesDerivatives::skipsSquaredHessian, x);
      assertThat(AnyOrderExamplesDerivatives.skipsSquaredDerivative(x, 1, 1, 1)).isWithin(tolerance(fd)).of(fd);
    }
  }

  @Test
  void aRuleThatCallsItsPrimalIsAppliedAtEveryOrder() {
    for (double x : POINTS) {
      // c = calls: c' = C = 2cos(x) at every order, C's own derivatives as written (C' = -2 sin,
      // C'' = -2 cos, C''' = 2 sin). (c²)''' = 6CC' + 2cC'', (c²)'''' = 6C'² + 8CC'' + 2cC'''.
      double c = Math.sin(x);
      double d1 = 2 * Math.cos(x);
      double d2 = -2 * Math.sin(x);
      double d3 = -2 * Math.cos(x);
      double d4 = 2 * Math.sin(x);
      assertThat(AnyOrderExamplesDerivatives.callsSquaredDerivative(x, 1, 1, 1, 1))
          .isWithin(1e-12).of(6 * d2 * d2 + 8 * d1 * d3 + 2 * c * d4);
      assertThat(AnyOrderExamplesDerivatives.Internal.callsSquaredTangent3(x, 1, 1, 1))
          .isWithin(1e-12).of(6 * d1 * d2 + 2 * c * d3);
      // Differences of the third derivative see c's value sin(x), whose slope is cos(x), where the rule says
      // C: the fourth derivative exceeds them by 2(C - cos x)·C''.
      double fd = slope(xx -> AnyOrderExamplesDerivatives.Internal.callsSquaredTangent3(xx, 1, 1, 1), x);
      double ruleMinusSlope = 2 * (d1 - Math.cos(x)) * d3;
      assertThat(AnyOrderExamplesDerivatives.callsSquaredDerivative(x, 1, 1, 1, 1) - fd)
          .isWithin(tolerance(fd)).of(ruleMinusSlope);
    }
  }

  @Test
  void functionObjectsCarryTheirDerivativesToTheirOrder() {
    for (double x : POINTS) {
      double y = 0.9 + 0.2 * x;
      io.jgrad.runtime.DiffFn1 inner = AnyOrderExamplesDerivatives.inner();
      assertThat(inner.derivative().derivative().value(x)).isWithin(1e-12).of(inner2(x));
      assertThat(inner.derivative().derivative().derivative().value(x)).isWithin(1e-12).of(inner3(x));
      assertThat(inner.derivative().derivative().jvp(x, 0.5).tangent()).isWithin(1e-12).of(0.5 * inner3(x));
      assertThat(inner.derivative().derivative().grad(x)).isWithin(1e-12).of(inner3(x));
      io.jgrad.runtime.DiffFn2 middle = AnyOrderExamplesDerivatives.middle();
      assertThat(middle.partialFirst().partialSecond().partialFirst().value(x, y))
          .isWithin(1e-12).of(AnyOrderExamplesDerivatives.middleDerivative(x, y, 1, 0, 0, 1, 1, 0));
      assertThat(middle.partialSecond().partialSecond().jvp(x, y, 0.3, -0.8).tangent())
          .isWithin(1e-12).of(AnyOrderExamplesDerivatives.middleDerivative(x, y, 0, 1, 0, 1, 0.3, -0.8));
      io.jgrad.runtime.Grad2 grad = middle.partialFirst().partialFirst().grad(x, y);
      assertThat(grad.second())
          .isWithin(1e-12).of(AnyOrderExamplesDerivatives.middleDerivative(x, y, 1, 0, 1, 0, 0, 1));
    }
  }

  @Test
  void beyondItsOrderAnObjectSaysWhichOrderToCompileWith() {
    io.jgrad.runtime.DiffFn1 third = AnyOrderExamplesDerivatives.inner().derivative().derivative().derivative();
    UnsupportedOperationException e = org.junit.jupiter.api.Assertions.assertThrows(
        UnsupportedOperationException.class, () -> third.jvp(1.0, 1.0));
    assertThat(e).hasMessageThat().isEqualTo("inner has derivatives to order 3 only; compile it with order = 4");
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> third.grad(1.0));
    e = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, third::derivative);
    assertThat(e).hasMessageThat().contains("compile its function with a higher order");
  }

  @Test
  void thirdDerivativeThroughAFunctionObject() {
    for (double x : POINTS) {
      // h = g(x²)·x: h''' = 8x⁴g'''(x²) + 24x²g''(x²) + 6g'(x²).
      double u = x * x;
      double inner1 = Math.sin(u) + u * Math.cos(u);
      assertThat(AnyOrderExamplesDerivatives.throughObjectDerivative(AnyOrderExamplesDerivatives.inner(), x, 1, 1, 1))
          .isWithin(1e-10).of(8 * u * u * inner3(u) + 24 * u * inner2(u) + 6 * inner1);
      // calls' rule at every order: g' = C = 2cos, g'' = C' = -2 sin, g''' = C'' = -2 cos.
      assertThat(AnyOrderExamplesDerivatives.throughObjectDerivative(AnyOrderExamplesDerivatives.calls(), x, 1, 1, 1))
          .isWithin(1e-10).of(8 * u * u * -2 * Math.cos(u) + 24 * u * -2 * Math.sin(u) + 6 * 2 * Math.cos(u));
      // skips' rule once: h' = 2x²C(u) + sin(u), then as written:
      // h''' = 4C + 20x²C' + 8x⁴C'' + 2cos(u) - 4x²sin(u).
      double expected = 4 * 2 * Math.cos(u) + 20 * u * -2 * Math.sin(u) + 8 * u * u * -2 * Math.cos(u)
          + 2 * Math.cos(u) - 4 * u * Math.sin(u);
      assertThat(AnyOrderExamplesDerivatives.throughObjectDerivative(AnyOrderExamplesDerivatives.skips(), x, 1, 1, 1))
          .isWithin(1e-10).of(expected);
    }
  }
}

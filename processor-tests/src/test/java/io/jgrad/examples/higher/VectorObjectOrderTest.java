package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.runtime.DiffFnN;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code DiffFnN} objects of order-2 and order-3 functions carry their partial derivatives
 * ({@code partial(i)}, closed forms), and differentiable bodies of order 2 and 3 call through them
 * (against central differences of the derivative one order below).
 */
class VectorObjectOrderTest {
  private static final double H = 1e-5;

  private static double slope(DoubleUnaryOperator f, double x) {
    return (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
  }

  private static double tolerance(double expected) {
    return 1e-6 * Math.max(1, Math.abs(expected));
  }

  @Test
  void partialsOfAnOrderTwoObjectAreItsDerivatives() {
    DiffFnN f = VectorObjectOrderExamplesDerivatives.mix3();
    double a = 0.7;
    double b = -1.2;
    double c = 0.4;
    // f = a²b + sin(bc) + c³
    assertThat(f.partial(0).value(a, b, c)).isWithin(1e-12).of(2 * a * b);
    assertThat(f.partial(1).value(a, b, c)).isWithin(1e-12).of(a * a + c * Math.cos(b * c));
    assertThat(f.partial(0).partial(1).value(a, b, c)).isWithin(1e-12).of(2 * a);
    assertThat(f.partial(2).partial(2).value(a, b, c)).isWithin(1e-12).of(-b * b * Math.sin(b * c) + 6 * c);
    double[] grad = f.partial(1).grad(a, b, c);
    assertThat(grad[0]).isWithin(1e-12).of(2 * a);
    assertThat(grad[1]).isWithin(1e-12).of(-c * c * Math.sin(b * c));
    assertThat(grad[2]).isWithin(1e-12).of(Math.cos(b * c) - b * c * Math.sin(b * c));
    double[] dir = {0.3, -0.5, 1.1};
    var jvp = f.partial(0).jvp(new double[] {a, b, c}, dir);
    assertThat(jvp.value()).isWithin(1e-12).of(2 * a * b);
    assertThat(jvp.tangent()).isWithin(1e-12).of(2 * b * dir[0] + 2 * a * dir[1]);
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> f.partial(0).partial(1).partial(2));
    assertThat(e).hasMessageThat().contains("mix3 has derivatives to order 2 only; compile it with order = 3");
    assertThrows(UnsupportedOperationException.class, () -> f.partial(0).partial(1).grad(a, b, c));
    assertThrows(IndexOutOfBoundsException.class, () -> f.partial(3));
    assertThrows(IllegalArgumentException.class, () -> f.partial(0).value(a, b));
  }

  @Test
  void boundParametersAndArraysHavePartialsToo() {
    DiffFnN w = VectorObjectOrderExamplesDerivatives.weighted(2.5);
    // 2.5·abc: ∂²/∂a∂c = 2.5·b
    assertThat(w.partial(0).partial(2).value(0.3, -0.7, 1.9)).isWithin(1e-12).of(2.5 * -0.7);
    DiffFnN s = VectorObjectOrderExamplesDerivatives.sumCubes();
    double[] xs = {0.5, -1.5, 2.0, 0.25};
    assertThat(s.partial(1).value(xs)).isWithin(1e-12).of(3 * 1.5 * 1.5);
    assertThat(s.partial(2).partial(2).value(xs)).isWithin(1e-12).of(12.0);
    assertThat(s.partial(2).partial(1).value(xs)).isWithin(1e-12).of(0.0);
    assertThat(s.partial(3).grad(xs)[3]).isWithin(1e-12).of(6 * 0.25);
    assertThrows(IndexOutOfBoundsException.class, () -> s.partial(4).value(xs));
  }

  @Test
  void aBodyOfOrderTwoCallsThroughTheObject() {
    DiffFnN f = VectorObjectOrderExamplesDerivatives.mix3();
    double x = 0.6;
    double y = -0.9;
    double[][] h = VectorObjectOrderExamplesDerivatives.applyHessian(f, x, y);
    double fdXX = slope(xx -> VectorObjectOrderExamplesDerivatives.applyGrad(f, xx, y).x(), x);
    double fdXY = slope(yy -> VectorObjectOrderExamplesDerivatives.applyGrad(f, x, yy).x(), y);
    double fdYY = slope(yy -> VectorObjectOrderExamplesDerivatives.applyGrad(f, x, yy).y(), y);
    assertThat(h[0][0]).isWithin(tolerance(fdXX)).of(fdXX);
    assertThat(h[0][1]).isWithin(tolerance(fdXY)).of(fdXY);
    assertThat(h[1][0]).isWithin(tolerance(fdXY)).of(fdXY);
    assertThat(h[1][1]).isWithin(tolerance(fdYY)).of(fdYY);
    // A closed form: with f = weighted(w) = w·abc, g = f(x, xy, 2)·y = 2w·x²y², g_xy = 8w·xy.
    DiffFnN w = VectorObjectOrderExamplesDerivatives.weighted(1.5);
    assertThat(VectorObjectOrderExamplesDerivatives.applyHessian(w, x, y)[0][1]).isWithin(1e-12).of(8 * 1.5 * x * y);
  }

  @Test
  void aBodyOfOrderThreeCallsThroughAnOrderThreeObject() {
    DiffFnN f = VectorObjectOrderExamplesDerivatives.cubic3();
    for (double x : new double[] {0.8, -0.3}) {
      double third = VectorObjectOrderExamplesDerivatives.apply3Derivative(f, x, 1, 1, 1);
      double fd = slope(xx -> VectorObjectOrderExamplesDerivatives.apply3Hessian(f, xx), x);
      assertThat(third).isWithin(tolerance(fd)).of(fd);
      // g = f(x, x², 1) = x⁵ + x² + e: g''' = 60x².
      assertThat(third).isWithin(1e-10).of(60 * x * x);
    }
    // An order-2 object is one order short: its partials' derivatives throw, naming the fix.
    DiffFnN low = VectorObjectOrderExamplesDerivatives.mix3();
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> VectorObjectOrderExamplesDerivatives.apply3Derivative(low, 0.5, 1, 1, 1));
    assertThat(e).hasMessageThat().contains("compile it with order = 3");
  }

  @Test
  void aRuleReachedThroughTheObjectAppliesOnceAsInJax() {
    DiffFnN f = VectorObjectOrderExamplesDerivatives.skew3();
    double x = 0.9;
    double y = 0.5;
    // JAX's grad(grad(g)): the Hessian is exactly the derivative of the gradient, rule applied once.
    double[][] h = VectorObjectOrderExamplesDerivatives.applyHessian(f, x, y);
    double fdXX = slope(xx -> VectorObjectOrderExamplesDerivatives.applyGrad(f, xx, y).x(), x);
    double fdYX = slope(xx -> VectorObjectOrderExamplesDerivatives.applyGrad(f, xx, y).y(), x);
    assertThat(h[0][0]).isWithin(tolerance(fdXX)).of(fdXX);
    assertThat(h[1][0]).isWithin(tolerance(fdYX)).of(fdYX);
    // The rule primal computes the value as the rule's body does, and its partials are the body's.
    assertThat(f.rulePrimal().value(x, y, 2)).isWithin(1e-15).of(Math.sin(x) * y * 2);
    assertThat(f.partial(0).value(x, y, 2)).isWithin(1e-12).of(2 * Math.cos(x) * y * 2);
    assertThat(f.partial(0).partial(0).value(x, y, 2)).isWithin(1e-12).of(-2 * Math.sin(x) * y * 2);
  }

  @Test
  void reverseOverReverseGoesThroughTheObjectsPartials() {
    DiffFnN f = VectorObjectOrderExamplesDerivatives.mix3();
    for (double x : new double[] {0.4, -0.7}) {
      double h = VectorObjectOrderExamplesDerivatives.applyReverseHessian(f, x);
      double fd = slope(xx -> VectorObjectOrderExamplesDerivatives.applyReverseGrad(f, xx), x);
      assertThat(h).isWithin(tolerance(fd)).of(fd);
    }
  }
}

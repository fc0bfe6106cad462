package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code fHessian} of an order-2 caller of a {@code @CustomVjp} rule with an array result, reverse
 * over reverse as JAX's {@code jacrev(grad(f))} through a {@code custom_vjp}: the Jacobian of the
 * gradient, where the rule's value is differentiated by the rule again ({@code bwd} as written).
 * The truth: the gradient written by hand as a function of (x, y) and the rule's value s, its
 * partial derivatives by central differences, and s's derivative by the rule's own Jacobian.
 */
class ArrayResultVjpRuleCallersTest {
  private static final double H = 1e-6;

  /** ∇f by the rule, stretch's value s given: f = s₀s₁ + 3s₀, ∂s₀ = (2b, a), ∂s₁ = (2ab, a²). */
  private static double[] gradient(double x, double y, double s0, double s1) {
    double a = x * y;
    double b = Math.sin(x);
    double ga = (s1 + 3) * 2 * b + s0 * 2 * a * b;
    double gb = (s1 + 3) * a + s0 * a * a;
    return new double[] {ga * y + gb * Math.cos(x), ga * x};
  }

  @Test
  void gradientIsThroughTheRule() {
    double x = 0.6;
    double y = 0.9;
    double a = x * y;
    double b = Math.sin(x);
    double[] expected = gradient(x, y, a * b, a * a * b);
    ArrayResultVjpRuleCallersDerivatives.CallerGrad g = ArrayResultVjpRuleCallersDerivatives.callerGrad(x, y);
    assertThat(g.x()).isWithin(1e-12).of(expected[0]);
    assertThat(g.y()).isWithin(1e-12).of(expected[1]);
  }

  @Test
  void hessianIsTheJacobianOfTheGradientWithTheRuleAppliedAgain() {
    double x = 0.6;
    double y = 0.9;
    double a = x * y;
    double b = Math.sin(x);
    double s0 = a * b;
    double s1 = a * a * b;
    double[][] inner = {{y, x}, {Math.cos(x), 0}};   // ∂(a, b)/∂(x, y)
    double[][] rule = {{2 * b, a}, {2 * a * b, a * a}};   // the rule's Jacobian of s over (a, b)
    double[][] hessian = ArrayResultVjpRuleCallersDerivatives.callerHessian(x, y);
    for (int col = 0; col < 2; col++) {
      double[] up = {x, y};
      double[] down = {x, y};
      up[col] += H;
      down[col] -= H;
      double[] explicitUp = gradient(up[0], up[1], s0, s1);
      double[] explicitDown = gradient(down[0], down[1], s0, s1);
      double ds0 = rule[0][0] * inner[0][col] + rule[0][1] * inner[1][col];
      double ds1 = rule[1][0] * inner[0][col] + rule[1][1] * inner[1][col];
      for (int row = 0; row < 2; row++) {
        double alongS0 = (gradient(x, y, s0 + H, s1)[row] - gradient(x, y, s0 - H, s1)[row]) / (2 * H);
        double alongS1 = (gradient(x, y, s0, s1 + H)[row] - gradient(x, y, s0, s1 - H)[row]) / (2 * H);
        double expected = (explicitUp[row] - explicitDown[row]) / (2 * H) + alongS0 * ds0 + alongS1 * ds1;
        assertThat(hessian[row][col]).isWithin(1e-7).of(expected);
      }
    }
    // The rule is not the true derivative: the Hessian is not symmetric.
    assertThat(hessian[0][1]).isNotWithin(1e-3).of(hessian[1][0]);
  }
}

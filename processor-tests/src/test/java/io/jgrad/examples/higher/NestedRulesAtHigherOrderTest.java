package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Orders 3 and 4 of a rule whose body calls another rule's function, against the closed forms of
 * JAX's semantics (r' = 3g with g's rule 2cos applied once above it, then sin and 2cos as written)
 * and against central differences of the order below, where those semantics are smooth.
 */
class NestedRulesAtHigherOrderTest {
  private static final double H = 1e-4;

  @Test
  void theInnerRuleAppliesOnceThenItsBodyIsDifferentiated() {
    for (double x : new double[] {-1.1, 0.3, 2.0}) {
      double s = Math.sin(x);
      double c = Math.cos(x);
      assertThat(NestedRulesAtHigherOrderDerivatives.rGrad(x)).isWithin(1e-12).of(3 * s);
      assertThat(NestedRulesAtHigherOrderDerivatives.rHessian(x)).isWithin(1e-12).of(6 * c);
      assertThat(NestedRulesAtHigherOrderDerivatives.r3Derivative(x, 1, 1, 1)).isWithin(1e-12).of(-6 * s);
      assertThat(NestedRulesAtHigherOrderDerivatives.rDerivative(x, 1, 1, 1, 1)).isWithin(1e-12).of(-6 * c);
      double fd3 = (NestedRulesAtHigherOrderDerivatives.r3Hessian(x + H)
          - NestedRulesAtHigherOrderDerivatives.r3Hessian(x - H)) / (2 * H);
      assertThat(NestedRulesAtHigherOrderDerivatives.r3Derivative(x, 1, 1, 1)).isWithin(1e-7).of(fd3);
      double fd4 = (NestedRulesAtHigherOrderDerivatives.r3Derivative(x + H, 1, 1, 1)
          - NestedRulesAtHigherOrderDerivatives.r3Derivative(x - H, 1, 1, 1)) / (2 * H);
      assertThat(NestedRulesAtHigherOrderDerivatives.rDerivative(x, 1, 1, 1, 1)).isWithin(1e-7).of(fd4);
    }
  }

  @Test
  void aCallerOfOrderTwoDifferentiatesTheRulesValueAndTangentThroughTheInnerRule() {
    for (double x : new double[] {-1.1, 0.3, 2.0}) {
      double s = Math.sin(x);
      double c = Math.cos(x);
      // (r²)' = 2·(x g)·3g; its derivative applies g's rule to both: 2[(g + 2x cos)·3g + x g·6 cos].
      assertThat(NestedRulesAtHigherOrderDerivatives.squareGrad(x)).isWithin(1e-12).of(6 * x * s * s);
      assertThat(NestedRulesAtHigherOrderDerivatives.squareHessian(x))
          .isWithin(1e-12).of(6 * s * s + 24 * x * s * c);
    }
  }
}

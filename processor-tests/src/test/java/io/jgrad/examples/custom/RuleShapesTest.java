package io.jgrad.examples.custom;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A rule's tangent or gradient of the wrong length fails at run time naming the rule and the parameter. */
class RuleShapesTest {
  @Test
  void tangentOfTheWrongLengthNamesTheRule() {
    double[] x = {1, 2, 3};
    assertThat(RuleShapesDerivatives.sumSquaresJvp(x, new double[] {1, 0, 0}).tangent()).isEqualTo(2.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RuleShapesDerivatives.sumSquaresJvp(x, new double[] {1, 0}));
    assertThat(e).hasMessageThat()
        .isEqualTo("the tangent of x passed to the rule sumSquaresJvp has 2 components but x has 3");
    e = assertThrows(IllegalArgumentException.class, () -> RuleShapesDerivatives.sumSquaresJvp(x, null));
    assertThat(e).hasMessageThat().isEqualTo("the tangent of x passed to the rule sumSquaresJvp is null");
  }

  @Test
  void gradientOfTheWrongLengthNamesTheBackwardPass() {
    double[] x = {1, 2};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RuleShapesDerivatives.scaledGrad(x, 2.0));
    assertThat(e).hasMessageThat()
        .isEqualTo("the gradient the backward pass scaledBwd returned for x has 3 components but x has 2");
    e = assertThrows(IllegalArgumentException.class, () -> RuleShapesDerivatives.callerGrad(x));
    assertThat(e).hasMessageThat().contains("scaledBwd");
  }
}

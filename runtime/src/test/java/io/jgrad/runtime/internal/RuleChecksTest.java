package io.jgrad.runtime.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What a backward pass returns for an array: null is zeros of the primal's length, another length is named. */
class RuleChecksTest {
  @Test
  void aNullGradientIsZerosOfThePrimalsLength() {
    double[] primal = {1, 2, 3};
    assertThat(RuleChecks.gradient(null, primal, "fBwd", "xs")).usingExactEquality()
        .containsExactly(new double[primal.length]).inOrder();
    float[] floats = {1, 2};
    assertThat(RuleChecks.gradient(null, floats, "fBwd", "xs")).usingExactEquality()
        .containsExactly(new float[floats.length]).inOrder();
  }

  @Test
  void aGradientOfTheRightLengthIsReturnedAsItIs() {
    double[] gradient = {4, 5};
    assertThat(RuleChecks.gradient(gradient, new double[2], "fBwd", "xs")).isSameInstanceAs(gradient);
  }

  @Test
  void aGradientOfAnotherLengthNamesTheBackwardPassAndTheParameter() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> RuleChecks.gradient(new double[1], new double[3], "fBwd", "xs"));
    assertThat(e).hasMessageThat()
        .isEqualTo("the gradient the backward pass fBwd returned for xs has 1 components but xs has 3");
  }
}

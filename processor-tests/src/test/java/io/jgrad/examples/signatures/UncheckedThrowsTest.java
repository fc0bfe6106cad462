package io.jgrad.examples.signatures;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Functions and rules declaring unchecked exceptions get their derivatives, checked against closed forms. */
class UncheckedThrowsTest {
  @Test
  void gradients() {
    for (double x : new double[] {-0.7, 0.2, 1.9}) {
      double y = 1.5;
      var g = UncheckedThrowsDerivatives.bothGrad(x, y);
      assertThat(g.x()).isWithin(1e-12).of(Math.cos(x) * y + 2 * x);
      assertThat(g.y()).isWithin(1e-12).of(Math.sin(x));
      assertThat(UncheckedThrowsDerivatives.scaledJvp(x, y, 1.0, 0.0).tangent())
          .isWithin(1e-12).of(Math.cos(x) * y);
      assertThat(UncheckedThrowsDerivatives.squareGrad(x)).isWithin(1e-12).of(2 * x);
    }
  }
}

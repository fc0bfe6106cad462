package io.jgrad.examples.nondiff;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.runtime.DiffFn1;
import io.jgrad.runtime.DiffFn2;
import org.junit.jupiter.api.Test;

/** Hessians through function objects against closed forms and finite differences of the gradient. */
class SecondOrderFunctionObjectsTest {
  private static final double H = 1e-5;

  @Test
  void forwardOverForwardThroughTheObjectsDerivative() {
    DiffFn1 cube = SecondOrderFunctionObjectsDerivatives.cube();
    for (double x : new double[] {-0.9, 0.5, 1.1}) {
      // f(f(x)) + x = x^9 + x
      assertThat(SecondOrderFunctionObjectsDerivatives.twiceHessian(cube, x)).isWithin(1e-9).of(72 * Math.pow(x, 7));
      assertThat(SecondOrderFunctionObjectsDerivatives.twiceHvp(cube, x, 2.0)).isWithin(1e-9).of(144 * Math.pow(x, 7));
    }
  }

  @Test
  void forwardOverForwardThroughPartials() {
    DiffFn2 mix = SecondOrderFunctionObjectsDerivatives.mix();
    for (double x : new double[] {-0.6, 0.3, 0.8}) {
      double fd = (SecondOrderFunctionObjectsDerivatives.mixedGrad(mix, x + H)
          - SecondOrderFunctionObjectsDerivatives.mixedGrad(mix, x - H)) / (2 * H);
      assertThat(SecondOrderFunctionObjectsDerivatives.mixedHessian(mix, x)).isWithin(1e-5 * Math.max(1, Math.abs(fd))).of(fd);
    }
  }

  @Test
  void reverseOverReverseThroughTheObjectsDerivative() {
    DiffFn1 cube = SecondOrderFunctionObjectsDerivatives.cube();
    for (double x : new double[] {-1.2, 0.4, 0.9}) {
      // square(x³) = x^6
      assertThat(SecondOrderFunctionObjectsDerivatives.squareOfHessian(cube, x)).isWithin(1e-9).of(30 * Math.pow(x, 4));
    }
  }

  @Test
  void objectsOfOrderOneFunctionsSayWhatIsMissing() {
    DiffFn1 orderOne = FunctionObjectsDerivatives.cube();
    var e = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
        () -> SecondOrderFunctionObjectsDerivatives.twiceHessian(orderOne, 0.5));
    assertThat(e).hasMessageThat().contains("order = 2");
  }
}

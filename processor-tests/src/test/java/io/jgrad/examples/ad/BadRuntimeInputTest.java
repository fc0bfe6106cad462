package io.jgrad.examples.ad;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * What generated derivatives do with bad input, as the user guide (docs/guide) states it: NaN in, NaN out (in the
 * value, and in every derivative whose formula reads the NaN; reverse mode keeps a partial that does
 * not read it exact, forward mode multiplies it by a zero tangent and gets NaN); a NaN cotangent
 * gives a NaN gradient;
 * a null array fails as the plain function does; a tangent array of the wrong length is an
 * IllegalArgumentException naming the parameter.
 */
class BadRuntimeInputTest {
  private static final double NAN = Double.NaN;

  @Test
  void nanInputGivesNanValueAndDerivatives() {
    // In branch and earlyReturn every partial derivative reads x, so a NaN x reaches all of them.
    assertThat(ControlFlowFunctions.branch(NAN, 0.7)).isNaN();
    assertThat(ControlFlowFunctionsDerivatives.branchVjp(NAN, 0.7).value()).isNaN();
    ControlFlowFunctionsDerivatives.BranchGrad b = ControlFlowFunctionsDerivatives.branchGrad(NAN, 0.7);
    assertThat(b.x()).isNaN();
    assertThat(b.y()).isNaN();
    Dual d = ControlFlowFunctionsDerivatives.branchJvp(NAN, 0.7, 0, 1);
    assertThat(d.value()).isNaN();
    assertThat(d.tangent()).isNaN();

    // earlyReturn(x, y) ends in exp(x / 2) + x * y here: ∂/∂x = exp(x / 2) / 2 + y reads the NaN y,
    // ∂/∂y = x does not, and reverse mode gives it exactly. Forward mode sums every partial times its
    // tangent component, so the NaN partial poisons even the direction (0, 1): NaN · 0 = NaN, as in JAX.
    double x = 0.4;
    ControlFlowFunctionsDerivatives.EarlyReturnGrad e = ControlFlowFunctionsDerivatives.earlyReturnGrad(x, NAN);
    assertThat(e.x()).isNaN();
    assertThat(e.y()).isEqualTo(x);
    assertThat(ControlFlowFunctionsDerivatives.earlyReturnJvp(x, NAN, 1, 0).tangent()).isNaN();
    assertThat(ControlFlowFunctionsDerivatives.earlyReturnJvp(x, NAN, 0, 1).tangent()).isNaN();

    // A NaN element of an array reaches the whole gradient through the sum it feeds.
    double[] g = ControlFlowFunctionsDerivatives.arrayForEachGrad(new double[] {0.1, NAN, 0.3}, 1.5).x();
    for (double gi : g) {
      assertThat(gi).isNaN();
    }
  }

  @Test
  void nanCotangentGivesNanGradient() {
    ControlFlowFunctionsDerivatives.BranchGrad b = ControlFlowFunctionsDerivatives.branchVjp(0.3, 0.7).pullback(NAN);
    assertThat(b.x()).isNaN();
    assertThat(b.y()).isNaN();
    assertThat(ControlFlowFunctionsDerivatives.whileLoopVjp(2.0).pullback(NAN)).isNaN();
  }

  @Test
  void nullArrayFailsAsThePlainFunctionDoes() {
    assertThrows(NullPointerException.class, () -> ControlFlowFunctions.arrayIndexed(null));
    assertThrows(NullPointerException.class, () -> ControlFlowFunctionsDerivatives.arrayIndexedGrad(null));
    assertThrows(NullPointerException.class, () -> ControlFlowFunctionsDerivatives.arrayIndexedJvp(null, new double[2]));
  }

  @Test
  void tangentOfTheWrongLengthIsAnException() {
    double[] x = {0.2, -0.4, 0.9};
    IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
        () -> ControlFlowFunctionsDerivatives.arrayIndexedJvp(x, new double[4]));
    assertThat(longer).hasMessageThat().contains("tangent of x");
    assertThrows(IllegalArgumentException.class, () -> ControlFlowFunctionsDerivatives.arrayIndexedJvp(x, new double[2]));
    assertThrows(IllegalArgumentException.class, () -> ControlFlowFunctionsDerivatives.arrayForEachJvp(x, 1.0, null, 0));
  }
}

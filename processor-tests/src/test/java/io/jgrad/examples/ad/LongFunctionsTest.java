package io.jgrad.examples.ad;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Long functions compile and differentiate (found by the fuzzer: "too many parameters" before). */
class LongFunctionsTest {
  private static final double H = 1e-6;

  @Test
  void theVjpOfALongFunctionMatchesItsGradientAndFiniteDifferences() {
    double x = 0.3;
    double y = 0.7;
    var grad = LongFunctionsDerivatives.longChainGrad(x, y);
    var pulled = LongFunctionsDerivatives.longChainVjp(x, y).pullback(1.0);
    assertThat(pulled.x()).isWithin(1e-12).of(grad.x());
    assertThat(pulled.y()).isWithin(1e-12).of(grad.y());
    double fd = (LongFunctions.longChain(x + H, y) - LongFunctions.longChain(x - H, y)) / (2 * H);
    assertThat(grad.x()).isWithin(1e-6).of(fd);
  }

  @Test
  void reverseOverReverseThroughALongFunction() {
    double x = 0.3;
    double y = 0.7;
    double[][] h = LongFunctionsDerivatives.longChainThroughRuleHessian(x, y);
    var gp = LongFunctionsDerivatives.longChainThroughRuleGrad(x + H, y);
    var gm = LongFunctionsDerivatives.longChainThroughRuleGrad(x - H, y);
    assertThat(h[0][0]).isWithin(1e-5).of((gp.x() - gm.x()) / (2 * H));
    assertThat(h[1][0]).isWithin(1e-5).of((gp.y() - gm.y()) / (2 * H));
  }
}

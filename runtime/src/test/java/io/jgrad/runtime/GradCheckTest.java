package io.jgrad.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** GradCheck passes correct derivatives, catches wrong ones, and names bad arguments. */
class GradCheckTest {
  private static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      s += 100 * a * a + b * b;
    }
    return s;
  }

  private static double[] rosenbrockGrad(double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      g[i] += -400 * x[i] * a - 2 * (1 - x[i]);
      g[i + 1] += 200 * a;
    }
    return g;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static GradCheck check(GradCheck.Vjp vjp) {
    return GradCheck.of(GradCheckTest::rosenbrock, (x, t) -> dot(rosenbrockGrad(x), t), vjp);
  }

  @Test
  void passesOnCorrectDerivatives() {
    GradCheck.Result r = check((x, c) -> scale(rosenbrockGrad(x), c)).tolerance(1e-5).at(0.3, -0.7, 1.2, 0.9);
    assertThat(r.passed()).isTrue();
    r.assertValid();
  }

  @Test
  void failsWhenForwardModeHasTheWrongSign() {
    GradCheck wrong = GradCheck.of(GradCheckTest::rosenbrock, (x, t) -> -dot(rosenbrockGrad(x), t),
        (x, c) -> scale(rosenbrockGrad(x), -c));
    GradCheck.Result r = wrong.at(0.3, -0.7, 1.2);
    assertThat(r.passed()).isFalse();
    assertThat(r.finiteDifferenceError()).isGreaterThan(1e-3);
    AssertionError e = assertThrows(AssertionError.class, r::assertValid);
    assertThat(e).hasMessageThat().contains("finite differences");
  }

  @Test
  void failsWhenATermIsMissing() {
    // Drops the 2·(1 - x) term of the gradient in both modes, consistently: finite differences catch it.
    GradCheck.Vjp missing = (x, c) -> {
      double[] g = rosenbrockGrad(x);
      for (int i = 0; i + 1 < x.length; i++) {
        g[i] += 2 * (1 - x[i]);
      }
      return scale(g, c);
    };
    GradCheck.Result r = GradCheck.of(GradCheckTest::rosenbrock, (x, t) -> dot(missing.at(x, 1), t), missing)
        .at(0.3, -0.7, 1.2);
    assertThat(r.passed()).isFalse();
  }

  @Test
  void failsTheTransposeCheckOnAnInconsistentVjp() {
    GradCheck.Result r = check((x, c) -> scale(rosenbrockGrad(x), 2 * c)).at(0.3, -0.7, 1.2);
    assertThat(r.passed()).isFalse();
    assertThat(r.transposeError()).isGreaterThan(1e-3);
    assertThat(r.finiteDifferenceError()).isLessThan(1e-5);
  }

  @Test
  void badArgumentsAreNamed() {
    GradCheck ok = check((x, c) -> scale(rosenbrockGrad(x), c));
    assertThat(assertThrows(IllegalArgumentException.class, () -> ok.at((double[]) null)))
        .hasMessageThat().contains("point");
    assertThat(assertThrows(IllegalArgumentException.class, () -> ok.at(1.0, Double.NaN)))
        .hasMessageThat().contains("point[1]");
    assertThat(assertThrows(IllegalArgumentException.class, () -> ok.tolerance(0)))
        .hasMessageThat().contains("tolerance");
    GradCheck shortVjp = check((x, c) -> new double[1]);
    assertThat(assertThrows(IllegalArgumentException.class, () -> shortVjp.at(1.0, 2.0)))
        .hasMessageThat().contains("vjp");
    assertThat(assertThrows(IllegalArgumentException.class, () -> GradCheck.of(null, (x, t) -> 0, (x, c) -> x)))
        .hasMessageThat().contains("value");
    assertThat(assertThrows(IllegalArgumentException.class, () -> GradCheck.of(x -> 0, null, (x, c) -> x)))
        .hasMessageThat().contains("jvp");
    assertThat(assertThrows(IllegalArgumentException.class, () -> GradCheck.of(x -> 0, (x, t) -> 0, null)))
        .hasMessageThat().contains("vjp");
    assertThat(assertThrows(IllegalArgumentException.class, () -> ok.at(Double.POSITIVE_INFINITY)))
        .hasMessageThat().contains("point[0]");
    assertThat(assertThrows(IllegalArgumentException.class, () -> ok.step(-1)))
        .hasMessageThat().contains("step");
    assertThat(assertThrows(IllegalArgumentException.class, () -> ok.randomDirections(-1, 7)))
        .hasMessageThat().contains("count");
    GradCheck nullVjp = check((x, c) -> null);
    assertThat(assertThrows(IllegalArgumentException.class, () -> nullVjp.at(1.0, 2.0)))
        .hasMessageThat().contains("vjp");
  }

  @Test
  void transposeFailureNamesTheIdentity() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> check((x, c) -> scale(rosenbrockGrad(x), 2 * c)).assertValidAt(0.3, -0.7, 1.2));
    assertThat(e).hasMessageThat().contains("transpose");
    assertThat(e).hasMessageThat().contains("<J t, c>");
  }

  @Test
  void reverseModeWithADroppedComponentIsCaught() {
    // Forward mode is right; reverse mode forgets the last coordinate's gradient.
    GradCheck.Result r = check((x, c) -> {
      double[] g = scale(rosenbrockGrad(x), c);
      g[g.length - 1] = 0;
      return g;
    }).randomDirections(0, 1).at(0.3, -0.7, 1.2);
    assertThat(r.passed()).isFalse();
    assertThat(r.finiteDifferenceError()).isLessThan(1e-5);
    assertThat(r.reverseForwardError()).isGreaterThan(1e-3);
  }

  @Test
  void isDeterministic() {
    GradCheck wrong = check((x, c) -> scale(rosenbrockGrad(x), 1.5 * c)).randomDirections(5, 42);
    assertThat(wrong.at(0.3, -0.7, 1.2)).isEqualTo(wrong.at(0.3, -0.7, 1.2));
  }

  @Test
  void assertValidAtReturnsTheResultWhenItPasses() {
    GradCheck.Result r = check((x, c) -> scale(rosenbrockGrad(x), c)).tolerance(1e-5).assertValidAt(1.0, 1.0);
    assertThat(r.passed()).isTrue();
    assertThat(r.finiteDifferenceError()).isAtMost(1e-5);
  }

  private static double[] scale(double[] g, double c) {
    double[] out = g.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= c;
    }
    return out;
  }
}

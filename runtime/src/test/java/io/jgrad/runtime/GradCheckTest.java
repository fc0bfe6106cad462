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
    assertThrows(NullPointerException.class, () -> GradCheck.of(null, (x, t) -> 0, (x, c) -> x));
  }

  private static double[] scale(double[] g, double c) {
    double[] out = g.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= c;
    }
    return out;
  }
}

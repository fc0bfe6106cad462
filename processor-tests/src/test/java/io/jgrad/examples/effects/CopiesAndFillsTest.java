package io.jgrad.examples.effects;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.runtime.Dual;
import io.jgrad.runtime.Vjp;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * System.arraycopy, Arrays.fill, clone() and Arrays.copyOf / copyOfRange in differentiable code:
 * each generated value equals the function's own (run with the JDK's copies), and each gradient,
 * JVP and pullback equals central finite differences of the function.
 */
class CopiesAndFillsTest {
  private static final double[] X = {0.7, -1.3, 0.4, 2.1, -0.6};

  /** One function and its generated JVP, VJP and gradient. */
  private record Derivatives(ToDoubleFunction<double[]> f, BiFunction<double[], double[], Dual> jvp,
      Function<double[], Vjp<double[]>> vjp, Function<double[], double[]> grad) {}

  private static void check(Derivatives d, double[] x) {
    double value = d.f().applyAsDouble(x);
    double[] fd = new double[x.length];
    double h = 1e-6;
    for (int i = 0; i < x.length; i++) {
      double[] up = x.clone();
      double[] down = x.clone();
      up[i] += h;
      down[i] -= h;
      fd[i] = (d.f().applyAsDouble(up) - d.f().applyAsDouble(down)) / (2 * h);
    }
    double scale = 1 + Math.abs(value);
    assertThat(d.grad().apply(x)).usingTolerance(1e-6 * scale).containsExactly(fd).inOrder();
    Vjp<double[]> v = d.vjp().apply(x);
    assertThat(v.value()).isEqualTo(value);
    double[] pulled = v.pullback(2.0);
    for (int i = 0; i < x.length; i++) {
      assertThat(pulled[i]).isWithin(2e-6 * scale).of(2 * fd[i]);
      double[] unit = new double[x.length];
      unit[i] = 1;
      Dual jvp = d.jvp().apply(x, unit);
      assertThat(jvp.value()).isEqualTo(value);
      assertThat(jvp.tangent()).isWithin(1e-6 * scale).of(fd[i]);
    }
  }

  @Test
  void arraycopyIntoALongerArray() {
    check(new Derivatives(CopiesAndFills::copied, CopiesAndFillsDerivatives::copiedJvp,
        CopiesAndFillsDerivatives::copiedVjp, CopiesAndFillsDerivatives::copiedGrad), X);
  }

  @Test
  void fillOverWrittenElements() {
    check(new Derivatives(CopiesAndFills::filledAfterWrites, CopiesAndFillsDerivatives::filledAfterWritesJvp,
        CopiesAndFillsDerivatives::filledAfterWritesVjp, CopiesAndFillsDerivatives::filledAfterWritesGrad), X);
  }

  @Test
  void fillWithADifferentiatedValue() {
    check(new Derivatives(CopiesAndFills::filledWhole, CopiesAndFillsDerivatives::filledWholeJvp,
        CopiesAndFillsDerivatives::filledWholeVjp, CopiesAndFillsDerivatives::filledWholeGrad), X);
  }

  @Test
  void overlappingCopiesWithinOneArray() {
    int[][] cases = {{0, 1, 4}, {1, 0, 4}, {0, 2, 3}, {2, 0, 3}, {1, 1, 3}, {3, 0, 0}};
    for (int[] c : cases) {
      check(new Derivatives(x -> CopiesAndFills.shifted(x, c[0], c[1], c[2]),
          (x, t) -> CopiesAndFillsDerivatives.shiftedJvp(x, c[0], c[1], c[2], t),
          x -> CopiesAndFillsDerivatives.shiftedVjp(x, c[0], c[1], c[2]),
          x -> CopiesAndFillsDerivatives.shiftedGrad(x, c[0], c[1], c[2])), X);
    }
  }

  @Test
  void copyOfShorterAndLonger() {
    check(new Derivatives(CopiesAndFills::resized, CopiesAndFillsDerivatives::resizedJvp,
        CopiesAndFillsDerivatives::resizedVjp, CopiesAndFillsDerivatives::resizedGrad), X);
  }

  @Test
  void copyOfRangeInsideAndPastTheEnd() {
    int[][] cases = {{1, 4}, {0, 5}, {3, 8}, {2, 2}};
    for (int[] c : cases) {
      check(new Derivatives(x -> CopiesAndFills.window(x, c[0], c[1]),
          (x, t) -> CopiesAndFillsDerivatives.windowJvp(x, c[0], c[1], t),
          x -> CopiesAndFillsDerivatives.windowVjp(x, c[0], c[1]),
          x -> CopiesAndFillsDerivatives.windowGrad(x, c[0], c[1])), X);
    }
  }

  @Test
  void readOnlyCallsAreKept() {
    check(new Derivatives(CopiesAndFills::readers, CopiesAndFillsDerivatives::readersJvp,
        CopiesAndFillsDerivatives::readersVjp, CopiesAndFillsDerivatives::readersGrad), X);
    check(new Derivatives(CopiesAndFills::readers, CopiesAndFillsDerivatives::readersJvp,
        CopiesAndFillsDerivatives::readersVjp, CopiesAndFillsDerivatives::readersGrad),
        new double[] {-0.5, 1.5, -2.0});
  }

  @Test
  void floatArrayClone() {
    float[] x = {1.5f, -0.5f};
    float[] g = CopiesAndFillsDerivatives.floatCloneGrad(x);
    // y0 = x0 x1: f = x0 x1 + x1^2, so df/dx0 = x1 and df/dx1 = x0 + 2 x1.
    assertThat(g[0]).isWithin(1e-6f).of(x[1]);
    assertThat(g[1]).isWithin(1e-6f).of(x[0] + 2 * x[1]);
    assertThat(CopiesAndFillsDerivatives.floatCloneJvp(x, new float[] {0, 1}).tangent()).isWithin(1e-6f)
        .of(x[0] + 2 * x[1]);
  }
}

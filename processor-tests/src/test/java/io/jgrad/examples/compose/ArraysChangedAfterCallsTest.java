package io.jgrad.examples.compose;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;

/**
 * Calls given a local array changed after the call: gradients against central differences of the
 * function itself.
 */
class ArraysChangedAfterCallsTest {
  private static final double H = 1e-6;
  private static final double[] X = {0.3, -0.8};
  private static final double T = 0.6;

  /** A gradient (x part, t part) against central differences of f at (X, T). */
  private static void assertGradient(ToDoubleBiFunction<double[], Double> f, double[] x, double t) {
    for (int i = 0; i < X.length; i++) {
      double[] up = X.clone();
      double[] down = X.clone();
      up[i] += H;
      down[i] -= H;
      double fd = (f.applyAsDouble(up, T) - f.applyAsDouble(down, T)) / (2 * H);
      assertThat(x[i]).isWithin(1e-6).of(fd);
    }
    double fdT = (f.applyAsDouble(X, T + H) - f.applyAsDouble(X, T - H)) / (2 * H);
    assertThat(t).isWithin(1e-6).of(fdT);
  }

  private static <G> void check(BiFunction<double[], Double, G> grad, ToDoubleBiFunction<double[], Double> f,
      java.util.function.Function<G, double[]> x, java.util.function.ToDoubleFunction<G> t) {
    G g = grad.apply(X, T);
    assertGradient(f, x.apply(g), t.applyAsDouble(g));
  }

  @Test
  void pullbackOfAnArrayChangedAfterTheCallHasTheGradientOfTheFunction() {
    check(ArraysChangedAfterCallsDerivatives::pulledTwiceThroughOneArrayGrad,
        ArraysChangedAfterCalls::pulledTwiceThroughOneArray, g -> g.x(), g -> g.t());
  }

  @Test
  void pullbackThroughTwoArraysHasTheGradientOfTheFunction() {
    check(ArraysChangedAfterCallsDerivatives::pulledThroughTwoArraysGrad,
        ArraysChangedAfterCalls::pulledThroughTwoArrays, g -> g.x(), g -> g.t());
  }

  @Test
  void pullbackAtAPointChangedAfterTheCallHasTheGradientOfTheFunction() {
    check(ArraysChangedAfterCallsDerivatives::pulledAtAPointChangedLaterGrad,
        ArraysChangedAfterCalls::pulledAtAPointChangedLater, g -> g.x(), g -> g.t());
  }

  @Test
  void tangentAlongAnArrayChangedAfterTheCallHasTheGradientOfTheFunction() {
    check(ArraysChangedAfterCallsDerivatives::tangentTwiceThroughOneArrayGrad,
        ArraysChangedAfterCalls::tangentTwiceThroughOneArray, g -> g.x(), g -> g.t());
  }

  @Test
  void gradientAtAnArrayChangedAfterTheCallHasTheGradientOfTheFunction() {
    check(ArraysChangedAfterCallsDerivatives::gradientTwiceAtOneArrayGrad,
        ArraysChangedAfterCalls::gradientTwiceAtOneArray, g -> g.x(), g -> g.t());
  }

  @Test
  void callWithAnArrayChangedAfterTheCallHasTheGradientOfTheFunction() {
    check(ArraysChangedAfterCallsDerivatives::calledTwiceWithOneArrayGrad,
        ArraysChangedAfterCalls::calledTwiceWithOneArray, g -> g.x(), g -> g.t());
  }

  /** The primal point of fVjp(z).pullback(u), a local array, changed after the call. */
  @Test
  void pullbackAtAPointWhollyChangedAfterTheCallHasTheGradientOfTheFunction() {
    var grad = ArraysChangedAfterCallsDerivatives.pulledAtAPointChangedAfterTheCallGrad(X, T);
    for (int i = 0; i < X.length; i++) {
      double[] up = X.clone();
      double[] down = X.clone();
      up[i] += H;
      down[i] -= H;
      double fd = (ArraysChangedAfterCalls.pulledAtAPointChangedAfterTheCall(up, T)
          - ArraysChangedAfterCalls.pulledAtAPointChangedAfterTheCall(down, T)) / (2 * H);
      assertThat(grad.x()[i]).isWithin(1e-6).of(fd);
    }
    double fdT = (ArraysChangedAfterCalls.pulledAtAPointChangedAfterTheCall(X, T + H)
        - ArraysChangedAfterCalls.pulledAtAPointChangedAfterTheCall(X, T - H)) / (2 * H);
    assertThat(grad.t()).isWithin(1e-6).of(fdT);
  }

  /** fGrad(v, b).w() twice through one local array changed between the calls, at order 2. */
  @Test
  void gradientComponentsAtOrderTwoOfAnArrayChangedBetweenCallsHaveTheGradientOfTheFunction() {
    double[] w = {0.7, -0.4};
    double b = 1.3;
    var grad = ArraysChangedAfterCallsDerivatives.gradientsOfOneArrayChangedBetweenGrad(w, b);
    for (int i = 0; i < w.length; i++) {
      double[] up = w.clone();
      double[] down = w.clone();
      up[i] += H;
      down[i] -= H;
      double fd = (ArraysChangedAfterCalls.gradientsOfOneArrayChangedBetween(up, b)
          - ArraysChangedAfterCalls.gradientsOfOneArrayChangedBetween(down, b)) / (2 * H);
      assertThat(grad.w()[i]).isWithin(1e-6).of(fd);
    }
    double fdB = (ArraysChangedAfterCalls.gradientsOfOneArrayChangedBetween(w, b + H)
        - ArraysChangedAfterCalls.gradientsOfOneArrayChangedBetween(w, b - H)) / (2 * H);
    assertThat(grad.b()).isWithin(1e-6).of(fdB);
  }

  /** Forward mode through the same calls, fJvp along b. */
  @Test
  void forwardModeThroughGradientComponentsOfAnArrayChangedBetweenCallsIsTheCentralDifference() {
    double[] w = {0.7, -0.4};
    double b = 1.3;
    double fdB = (ArraysChangedAfterCalls.gradientsOfOneArrayChangedBetween(w, b + H)
        - ArraysChangedAfterCalls.gradientsOfOneArrayChangedBetween(w, b - H)) / (2 * H);
    assertThat(ArraysChangedAfterCallsDerivatives.gradientsOfOneArrayChangedBetweenJvp(w, b, new double[2], 1)
        .tangent()).isWithin(1e-6).of(fdB);
  }
}

package io.jgrad.examples.arrays;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.arrays.PullbackSnapshots.Weights;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * A public {@code fVjp}'s pullback reads the arrays as they were at the {@code fVjp} call, as
 * {@code jax.vjp} captures its primals: changing them in place in between (an optimizer step) changes
 * nothing. Checked against central differences at the original point.
 */
class PullbackSnapshotsTest {
  private static final double H = 1e-6;

  /** Central differences of {@code f} at {@code x}, one element at a time. */
  private static double[] central(ToDoubleFunction<double[]> f, double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[i] += H;
      minus[i] -= H;
      g[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * H);
    }
    return g;
  }

  /** An optimizer step in place: every element moved. */
  private static void step(double[] w) {
    for (int i = 0; i < w.length; i++) {
      w[i] -= 0.3 + 0.1 * i;
    }
  }

  @Test
  void aLoopsPullbackReadsTheArrayOfTheCall() {
    double[] w = {0.5, -1.2, 0.8, 1.1};
    double[] original = w.clone();
    var vjp = PullbackSnapshotsDerivatives.rosenbrockVjp(w);
    step(w);
    double[] want = PullbackSnapshotsDerivatives.rosenbrockGrad(original);
    assertThat(vjp.pullback(1.0)).usingTolerance(1e-12).containsExactly(want).inOrder();
    assertThat(vjp.pullback(1.0)).usingTolerance(1e-4)
        .containsExactly(central(PullbackSnapshots::rosenbrock, original)).inOrder();
  }

  @Test
  void anArrayNextToADouble() {
    double[] w = {0.4, -0.9, 1.7};
    double[] original = w.clone();
    var vjp = PullbackSnapshotsDerivatives.scaledSinesVjp(w, 1.3);
    step(w);
    var g = vjp.pullback(2.0);
    double[] x = central(v -> PullbackSnapshots.scaledSines(v, 1.3), original);
    for (int i = 0; i < x.length; i++) {
      x[i] *= 2;
    }
    assertThat(g.x()).usingTolerance(1e-6).containsExactly(x).inOrder();
    double c = (PullbackSnapshots.scaledSines(original, 1.3 + H) - PullbackSnapshots.scaledSines(original, 1.3 - H))
        / (2 * H);
    assertThat(g.c()).isWithin(1e-6).of(2 * c);
  }

  @Test
  void aRecordsArrayComponent() {
    double[] w = {0.6, -1.4, 2.0};
    double[] original = w.clone();
    var vjp = PullbackSnapshotsDerivatives.cubesVjp(new Weights(w, 1.5));
    step(w);
    Weights g = vjp.pullback(1.0);
    double[] want = new double[original.length];
    for (int i = 0; i < want.length; i++) {
      want[i] = 1.5 * 3 * original[i] * original[i];
    }
    assertThat(g.w()).usingTolerance(1e-12).containsExactly(want).inOrder();
    assertThat(g.scale()).isWithin(1e-12)
        .of(PullbackSnapshots.cubes(new Weights(original, 1.5)) / 1.5);
  }

  @Test
  void aRulesEntryAddsNoAliasingOfItsOwn() {
    double[] w = {0.25, -3.0};
    double[] original = w.clone();
    var vjp = PullbackSnapshotsDerivatives.squaresVjp(w);
    step(w);
    assertThat(vjp.pullback(1.0)).usingTolerance(1e-6)
        .containsExactly(central(PullbackSnapshots::squares, original)).inOrder();
  }

  @Test
  void aRulesBackwardPassGetsTheIndicesOfTheCall() {
    double[] w = {0.5, -2.0, 1.5};
    int[] idx = {2, 0, 2};
    int[] original = idx.clone();
    var vjp = PullbackSnapshotsDerivatives.pickedVjp(w, idx);
    idx[0] = 1;
    idx[2] = 1;
    assertThat(vjp.pullback(1.0)).usingTolerance(1e-6)
        .containsExactly(central(x -> PullbackSnapshots.picked(x, original), w)).inOrder();
  }
}

package io.jgrad.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.runtime.internal.Accumulate;
import io.jgrad.runtime.internal.Tangents;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the runtime gives a clear exception or a documented result, never a wrong number:
 * tangent and gradient arrays of the wrong length, null pullbacks, NaN derivatives in a check, and
 * check settings that would let everything pass.
 */
class RuntimeBadInputTest {
  @Test
  void tangentOfTheWrongLengthIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tangents.checkLength(new double[3], new double[2], "xs"));
    assertThat(e).hasMessageThat().isEqualTo("the tangent of xs has 2 components but xs has 3");
    assertThrows(IllegalArgumentException.class, () -> Tangents.checkLength(new float[1], new float[4], "v"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Tangents.checkLength(new double[1], null, "xs"))).hasMessageThat().contains("null");
    // Matching lengths pass; a null primal is left to the function, which fails on it as the primal does.
    Tangents.checkLength(new double[2], new double[2], "xs");
    Tangents.checkLength((double[]) null, new double[2], "xs");
  }

  @Test
  void gradientOfTheWrongLengthIsNotAddedInPart() {
    double[] into = {1, 2, 3};
    assertThrows(IllegalArgumentException.class, () -> Accumulate.add(into, new double[] {1, 1}));
    assertThrows(IllegalArgumentException.class, () -> Accumulate.add(into, new double[] {1, 1, 1, 1}));
    assertThat(into).usingExactEquality().containsExactly(1.0, 2.0, 3.0).inOrder();
    Accumulate.add(into, new double[] {1, 1, 1});
    assertThat(into).usingExactEquality().containsExactly(2.0, 3.0, 4.0).inOrder();
  }

  @Test
  void nullPullbackFailsWhereItIsMade() {
    assertThrows(NullPointerException.class, () -> new ScalarVjp(1, null));
    assertThrows(NullPointerException.class, () -> new Vjp<double[]>(1, null));
  }

  @Test
  void nanDerivativeNeverPassesACheck() {
    // sqrt at 0: forward mode is +∞ and the finite differences NaN, an infinite error.
    GradCheck check = GradCheck.of(x -> Math.sqrt(x[0]), (x, t) -> 0.5 / Math.sqrt(x[0]) * t[0],
        (x, c) -> new double[] {0.5 / Math.sqrt(x[0]) * c});
    GradCheck.Result r = check.tolerance(1e3).at(0.0);
    assertThat(r.passed()).isFalse();
    assertThat(r.finiteDifferenceError()).isPositiveInfinity();
    // A NaN gradient from reverse mode alone is caught by the reverse/forward comparison.
    GradCheck nanReverse = GradCheck.of(x -> x[0] * x[0], (x, t) -> 2 * x[0] * t[0], (x, c) -> new double[] {Double.NaN});
    assertThat(nanReverse.at(1.5).passed()).isFalse();
  }

  @Test
  void aPointOfTheWrongDimensionIsNamedNotAnIndexError() {
    // x * y as a function object: GradCheck knows it takes two values
    assertThat(assertThrows(IllegalArgumentException.class, () -> GradCheck.of(DiffFnTest.TIMES).at(1.0, 2.0, 3.0)))
        .hasMessageThat().isEqualTo("point has 3 values but a DiffFn2 takes 2");
    assertThat(assertThrows(IllegalArgumentException.class, () -> GradCheck.of(DiffFnTest.TIMES).at(1.0)))
        .hasMessageThat().isEqualTo("point has 1 value but a DiffFn2 takes 2");
    assertThat(assertThrows(IllegalArgumentException.class, () -> GradCheck.of(DiffFnTest.TIMES).at()))
        .hasMessageThat().isEqualTo("point is empty: give one value per variable (a DiffFn2 takes 2)");
    // of(value, jvp, vjp) does not know the dimension: an empty point, or one the lambdas read past
    GradCheck lambdas = GradCheck.of(x -> x[0] * x[1], (x, t) -> x[1] * t[0] + x[0] * t[1],
        (x, c) -> new double[] {x[1] * c, x[0] * c});
    assertThat(assertThrows(IllegalArgumentException.class, () -> lambdas.at()))
        .hasMessageThat().isEqualTo("point is empty: give one value per variable the function takes");
    IllegalArgumentException shortPoint = assertThrows(IllegalArgumentException.class, () -> lambdas.at(1.0));
    assertThat(shortPoint).hasMessageThat().startsWith("the function read past a point of 1 value (");
    assertThat(shortPoint).hasCauseThat().isInstanceOf(ArrayIndexOutOfBoundsException.class);
    // the right dimension checks as before
    assertThat(GradCheck.of(DiffFnTest.TIMES).at(1.5, -2.0).passed()).isTrue();
    assertThat(lambdas.at(1.5, -2.0).passed()).isTrue();
  }

  @Test
  void settingsThatWouldPassEverythingAreRejected() {
    GradCheck check = GradCheck.of(x -> x[0], (x, t) -> t[0], (x, c) -> new double[] {c});
    assertThrows(IllegalArgumentException.class, () -> check.tolerance(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> check.tolerance(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> check.step(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> check.step(Double.NaN));
  }
}

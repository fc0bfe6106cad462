package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.examples.records.NullCotangentRules.Segment;
import io.jgrad.examples.records.NullCotangentRules.Shape;
import io.jgrad.examples.records.Pytrees.Point;
import org.junit.jupiter.api.Test;

/**
 * A null in what a backward pass returns is a zero cotangent (JAX's {@code None}), at any depth: each
 * rule's gradients, pullbacks and callers' gradients equal those of its twin that writes the zeros
 * out, and the records the user receives hold zeros, never null.
 */
class NullCotangentRulesTest {
  private static final double TOL = 1e-12;
  private static final Segment S = new Segment(new Point(0.3, -1.2), new Point(2.0, 0.5));

  @Test
  void aNullNestedRecordIsZero() {
    Segment g = NullCotangentRulesDerivatives.spanGrad(S);
    assertSegment(g, NullCotangentRulesDerivatives.spanZerosGrad(S));
    assertThat(g.a()).isEqualTo(new Point(0, 0));
    assertSegment(NullCotangentRulesDerivatives.spanVjp(S).pullback(0.7),
        NullCotangentRulesDerivatives.spanZerosVjp(S).pullback(0.7));
    var vg = NullCotangentRulesDerivatives.spanValueAndGrad(S);
    assertThat(vg.value()).isEqualTo(NullCotangentRules.span(S));
    assertSegment(vg.grad(), g);
    // A caller accumulates the rule's gradient twice.
    assertSegment(NullCotangentRulesDerivatives.spanTwiceGrad(S), scale(2, g));
  }

  @Test
  void nullsAtDepthOneAndTwoOfAGradientRecordAreZeros() {
    for (double k : new double[] {1.5, 0.0}) {
      // k = 1.5: the segment's a is null (depth 2); k = 0: the whole segment is null (depth 1).
      var g = NullCotangentRulesDerivatives.scaledGrad(S, k);
      var want = NullCotangentRulesDerivatives.scaledZerosGrad(S, k);
      assertSegment(g.s(), want.s());
      assertThat(g.k()).isWithin(TOL).of(want.k());
      assertThat(g.s().a()).isEqualTo(new Point(0, 0));
      var pullback = NullCotangentRulesDerivatives.scaledVjp(S, k).pullback(-0.4);
      var wantPullback = NullCotangentRulesDerivatives.scaledZerosVjp(S, k).pullback(-0.4);
      assertSegment(pullback.s(), wantPullback.s());
      assertThat(pullback.k()).isWithin(TOL).of(wantPullback.k());
      // (k·span)²: the caller's gradient is 2·value times the rule's.
      double v = NullCotangentRules.scaled(S, k);
      var caller = NullCotangentRulesDerivatives.scaledSquaredGrad(S, k);
      assertSegment(caller.s(), scale(2 * v, want.s()));
      assertThat(caller.k()).isWithin(TOL).of(2 * v * want.k());
    }
  }

  @Test
  void aNullArrayAndANullPointInARecordAreZeros() {
    Shape sh = new Shape(S, new double[] {0.5, -2.0, 1.25}, "edge");
    Shape g = NullCotangentRulesDerivatives.energyGrad(sh);
    Shape want = NullCotangentRulesDerivatives.energyZerosGrad(sh);
    assertShape(g, want);
    assertThat(g.w()).hasLength(sh.w().length);
    assertThat(g.w()).usingExactEquality().containsExactly(0.0, 0.0, 0.0);
    assertThat(g.edge().a()).isEqualTo(new Point(0, 0));
    assertThat(g.label()).isEqualTo("edge");
    assertShape(NullCotangentRulesDerivatives.energyVjp(sh).pullback(2.5),
        NullCotangentRulesDerivatives.energyZerosVjp(sh).pullback(2.5));
    // energy + span: the caller adds the two rules' gradients of the edge.
    Shape caller = NullCotangentRulesDerivatives.energyPlusSpanGrad(sh);
    Segment edge = NullCotangentRulesDerivatives.spanZerosGrad(S);
    assertSegment(caller.edge(), new Segment(add(want.edge().a(), edge.a()), add(want.edge().b(), edge.b())));
    assertThat(caller.w()).usingTolerance(TOL).containsExactly(want.w()).inOrder();
  }

  @Test
  void aBackwardPassReturningNullAsAWholeIsZero() {
    Shape sh = new Shape(S, new double[] {1.0, 3.0}, "edge");
    // energyBwd returns null for a zero cotangent; the user still gets a record of zeros.
    Shape g = NullCotangentRulesDerivatives.energyVjp(sh).pullback(0.0);
    assertShape(g, NullCotangentRulesDerivatives.energyZerosVjp(sh).pullback(0.0));
    assertThat(g.w()).usingExactEquality().containsExactly(0.0, 0.0).inOrder();
    assertThat(g.edge()).isEqualTo(new Segment(new Point(0, 0), new Point(0, 0)));
  }

  @Test
  void aRecordResultsRuleWithANullNestedRecord() {
    double k = 0.75;
    Segment cotangent = new Segment(new Point(1.0, -2.0), new Point(0.5, 3.0));
    var g = NullCotangentRulesDerivatives.shiftVjp(S, k).pullback(cotangent);
    var want = NullCotangentRulesDerivatives.shiftZerosVjp(S, k).pullback(cotangent);
    assertSegment(g.s(), want.s());
    assertThat(g.s().a()).isEqualTo(new Point(0, 0));
    assertThat(g.k()).isWithin(TOL).of(want.k());
    // The caller's weights (1, 2, 3, 4) are the cotangent its flat functions pass the rule.
    var caller = NullCotangentRulesDerivatives.shiftSumGrad(S, k);
    var wantCaller = NullCotangentRulesDerivatives.shiftZerosVjp(S, k)
        .pullback(new Segment(new Point(1, 2), new Point(3, 4)));
    assertSegment(caller.s(), wantCaller.s());
    assertThat(caller.k()).isWithin(TOL).of(wantCaller.k());
  }

  @Test
  void aNullArrayBesideANumberIsZeros() {
    double[] xs = {1.0, -0.5, 2.0, 4.0};
    double k = -1.5;
    var g = NullCotangentRulesDerivatives.sumScaledGrad(xs, k);
    var want = NullCotangentRulesDerivatives.sumScaledZerosGrad(xs, k);
    assertThat(g.xs()).usingExactEquality().containsExactly(want.xs()).inOrder();
    assertThat(g.k()).isWithin(TOL).of(want.k());
    var pullback = NullCotangentRulesDerivatives.sumScaledVjp(xs, k).pullback(3.0);
    assertThat(pullback.xs()).usingExactEquality().containsExactly(new double[xs.length]).inOrder();
    // (k·Σxs)³: the caller's gradient is 3·value² times the rule's.
    double v = NullCotangentRules.sumScaled(xs, k);
    var caller = NullCotangentRulesDerivatives.sumScaledCubedGrad(xs, k);
    assertThat(caller.xs()).usingExactEquality().containsExactly(new double[xs.length]).inOrder();
    assertThat(caller.k()).isWithin(TOL * v * v).of(3 * v * v * want.k());
  }

  @Test
  void anArrayOfAnotherLengthIsStillNamed() {
    Shape sh = new Shape(S, new double[] {1.0, 2.0}, "edge");
    String message = "the gradient the backward pass tooLongBwd returned for sh.w() has 3 components but sh.w() has 2";
    assertThat(assertThrows(IllegalArgumentException.class, () -> NullCotangentRulesDerivatives.tooLongGrad(sh)))
        .hasMessageThat().isEqualTo(message);
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> NullCotangentRulesDerivatives.tooLongTwiceGrad(sh))).hasMessageThat().isEqualTo(message);
  }

  private static void assertShape(Shape actual, Shape expected) {
    assertSegment(actual.edge(), expected.edge());
    assertThat(actual.w()).usingTolerance(TOL).containsExactly(expected.w()).inOrder();
    assertThat(actual.label()).isEqualTo(expected.label());
  }

  private static void assertSegment(Segment actual, Segment expected) {
    assertPoint(actual.a(), expected.a());
    assertPoint(actual.b(), expected.b());
  }

  private static void assertPoint(Point actual, Point expected) {
    assertThat(actual).isNotNull();
    assertThat(actual.x()).isWithin(TOL).of(expected.x());
    assertThat(actual.y()).isWithin(TOL).of(expected.y());
  }

  private static Segment scale(double c, Segment s) {
    return new Segment(new Point(c * s.a().x(), c * s.a().y()), new Point(c * s.b().x(), c * s.b().y()));
  }

  private static Point add(Point p, Point q) {
    return new Point(p.x() + q.x(), p.y() + q.y());
  }
}

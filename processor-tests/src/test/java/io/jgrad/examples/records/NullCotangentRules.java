package io.jgrad.examples.records;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.examples.records.Pytrees.Point;
import io.jgrad.runtime.Fwd;
import io.jgrad.runtime.RecordFwd;

/**
 * Backward passes that spell a zero cotangent as null (JAX's {@code None}): a nested record at depth
 * 1 or 2 of what they return, an array component, or the whole result. Each rule has a twin whose
 * backward pass returns the same gradient with its zeros written out ({@code ...Zeros}); both build
 * it in one method, which {@code nullForZero} tells how to spell a zero.
 */
final class NullCotangentRules {
  private NullCotangentRules() {}

  /** A segment from {@code a} to {@code b}: records nested in a record. */
  record Segment(Point a, Point b) {}

  /** Weights on a segment, with a label that has no cotangent: a point at depth 2, an array. */
  record Shape(Segment edge, double[] w, String label) {}

  /** Depth 1: |b − a|², whose rule holds {@code a} (its cotangent null), as {@code stop_gradient} would. */
  @CustomVjp(fwd = "spanFwd", bwd = "spanBwd")
  static double span(Segment s) {
    double dx = s.b().x() - s.a().x();
    double dy = s.b().y() - s.a().y();
    return dx * dx + dy * dy;
  }

  static Fwd<Segment> spanFwd(Segment s) {
    return Fwd.of(span(s), s);
  }

  static Segment spanBwd(Segment s, double g) {
    return spanGradient(s, g, true);
  }

  @CustomVjp(fwd = "spanZerosFwd", bwd = "spanZerosBwd")
  static double spanZeros(Segment s) {
    return span(s);
  }

  static Fwd<Segment> spanZerosFwd(Segment s) {
    return Fwd.of(span(s), s);
  }

  static Segment spanZerosBwd(Segment s, double g) {
    return spanGradient(s, g, false);
  }

  private static Segment spanGradient(Segment s, double g, boolean nullForZero) {
    double dx = s.b().x() - s.a().x();
    double dy = s.b().y() - s.a().y();
    return new Segment(nullForZero ? null : new Point(0, 0), new Point(2 * dx * g, 2 * dy * g));
  }

  /**
   * Depth 1 and 2 of a gradient record: k·|b − a|², whose rule holds {@code a} (null at depth 2,
   * {@code ScaledGrad.s().a()}) and gives the whole segment a null cotangent when k is 0 (depth 1).
   */
  @CustomVjp(fwd = "scaledFwd", bwd = "scaledBwd")
  static double scaled(Segment s, double k) {
    return k * span(s);
  }

  /** The residuals of {@code scaled}: its parameters. */
  record Scaling(Segment s, double k) {}

  static Fwd<Scaling> scaledFwd(Segment s, double k) {
    return Fwd.of(scaled(s, k), new Scaling(s, k));
  }

  static NullCotangentRulesDerivatives.ScaledGrad scaledBwd(Scaling res, double g) {
    return scaledGradient(res, g, true);
  }

  @CustomVjp(fwd = "scaledZerosFwd", bwd = "scaledZerosBwd")
  static double scaledZeros(Segment s, double k) {
    return k * span(s);
  }

  static Fwd<Scaling> scaledZerosFwd(Segment s, double k) {
    return Fwd.of(scaledZeros(s, k), new Scaling(s, k));
  }

  static NullCotangentRulesDerivatives.ScaledZerosGrad scaledZerosBwd(Scaling res, double g) {
    NullCotangentRulesDerivatives.ScaledGrad grad = scaledGradient(res, g, false);
    return new NullCotangentRulesDerivatives.ScaledZerosGrad(grad.s(), grad.k());
  }

  private static NullCotangentRulesDerivatives.ScaledGrad scaledGradient(Scaling res, double g, boolean nullForZero) {
    double kBar = g * span(res.s());
    if (res.k() == 0) {
      Segment zero = new Segment(new Point(0, 0), new Point(0, 0));
      return new NullCotangentRulesDerivatives.ScaledGrad(nullForZero ? null : zero, kBar);
    }
    return new NullCotangentRulesDerivatives.ScaledGrad(spanGradient(res.s(), g * res.k(), nullForZero), kBar);
  }

  /**
   * An array and a point at depth 2: Σ w²·|b − a|², whose rule holds the weights (a null array) and
   * {@code a}; a zero cotangent returns null as a whole.
   */
  @CustomVjp(fwd = "energyFwd", bwd = "energyBwd")
  static double energy(Shape sh) {
    double sum = 0;
    for (int i = 0; i < sh.w().length; i++) {
      sum += sh.w()[i] * sh.w()[i];
    }
    return sum * span(sh.edge());
  }

  static Fwd<Shape> energyFwd(Shape sh) {
    return Fwd.of(energy(sh), sh);
  }

  static Shape energyBwd(Shape sh, double g) {
    return energyGradient(sh, g, true);
  }

  @CustomVjp(fwd = "energyZerosFwd", bwd = "energyZerosBwd")
  static double energyZeros(Shape sh) {
    return energy(sh);
  }

  static Fwd<Shape> energyZerosFwd(Shape sh) {
    return Fwd.of(energy(sh), sh);
  }

  static Shape energyZerosBwd(Shape sh, double g) {
    return energyGradient(sh, g, false);
  }

  private static Shape energyGradient(Shape sh, double g, boolean nullForZero) {
    double[] zeros = new double[sh.w().length];
    if (g == 0) {
      return nullForZero ? null : new Shape(new Segment(new Point(0, 0), new Point(0, 0)), zeros, sh.label());
    }
    double sum = 0;
    for (double w : sh.w()) {
      sum += w * w;
    }
    Segment bOnly = spanGradient(sh.edge(), g * sum, nullForZero);
    return new Shape(bOnly, nullForZero ? null : zeros, sh.label());
  }

  /** A record result: (a + k, b + k) whose rule holds {@code a}, the cotangent's a ignored. */
  @CustomVjp(fwd = "shiftFwd", bwd = "shiftBwd")
  static Segment shift(Segment s, double k) {
    return new Segment(new Point(s.a().x() + k, s.a().y() + k), new Point(s.b().x() + k, s.b().y() + k));
  }

  static RecordFwd<Segment, Void> shiftFwd(Segment s, double k) {
    return RecordFwd.of(shift(s, k), null);
  }

  static NullCotangentRulesDerivatives.ShiftGrad shiftBwd(Void res, Segment g) {
    return new NullCotangentRulesDerivatives.ShiftGrad(new Segment(null, g.b()), shiftKBar(g));
  }

  @CustomVjp(fwd = "shiftZerosFwd", bwd = "shiftZerosBwd")
  static Segment shiftZeros(Segment s, double k) {
    return shift(s, k);
  }

  static RecordFwd<Segment, Void> shiftZerosFwd(Segment s, double k) {
    return RecordFwd.of(shift(s, k), null);
  }

  static NullCotangentRulesDerivatives.ShiftZerosGrad shiftZerosBwd(Void res, Segment g) {
    return new NullCotangentRulesDerivatives.ShiftZerosGrad(new Segment(new Point(0, 0), g.b()), shiftKBar(g));
  }

  private static double shiftKBar(Segment g) {
    return g.a().x() + g.a().y() + g.b().x() + g.b().y();
  }

  /** An array parameter beside a number, no records: k·Σ xs, whose rule holds xs (a null array). */
  @CustomVjp(fwd = "sumScaledFwd", bwd = "sumScaledBwd")
  static double sumScaled(double[] xs, double k) {
    double sum = 0;
    for (double x : xs) {
      sum += x;
    }
    return k * sum;
  }

  static Fwd<Double> sumScaledFwd(double[] xs, double k) {
    return Fwd.of(sumScaled(xs, k), sumScaled(xs, 1));
  }

  static NullCotangentRulesDerivatives.SumScaledGrad sumScaledBwd(Double sum, double g) {
    return new NullCotangentRulesDerivatives.SumScaledGrad(null, g * sum);
  }

  @CustomVjp(fwd = "sumScaledZerosFwd", bwd = "sumScaledZerosBwd")
  static double sumScaledZeros(double[] xs, double k) {
    return sumScaled(xs, k);
  }

  static Fwd<double[]> sumScaledZerosFwd(double[] xs, double k) {
    return Fwd.of(sumScaled(xs, k), xs);
  }

  static NullCotangentRulesDerivatives.SumScaledZerosGrad sumScaledZerosBwd(double[] xs, double g) {
    return new NullCotangentRulesDerivatives.SumScaledZerosGrad(new double[xs.length], g * sumScaled(xs, 1));
  }

  /** A backward pass whose array is one too long: still named, the null beside it notwithstanding. */
  @CustomVjp(fwd = "tooLongFwd", bwd = "tooLongBwd")
  static double tooLong(Shape sh) {
    return energy(sh);
  }

  static Fwd<Shape> tooLongFwd(Shape sh) {
    return Fwd.of(energy(sh), sh);
  }

  static Shape tooLongBwd(Shape sh, double g) {
    return new Shape(null, new double[sh.w().length + 1], sh.label());
  }

  // Callers: the rules' gradients accumulated into a differentiated caller's, through the flat functions.

  @Differentiable
  static double spanTwice(Segment s) {
    return span(s) + span(s);
  }

  @Differentiable
  static double scaledSquared(Segment s, double k) {
    double v = scaled(s, k);
    return v * v;
  }

  @Differentiable
  static double energyPlusSpan(Shape sh) {
    return energy(sh) + span(sh.edge());
  }

  @Differentiable
  static double shiftSum(Segment s, double k) {
    Segment t = shift(s, k);
    return t.a().x() + 2 * t.a().y() + 3 * t.b().x() + 4 * t.b().y();
  }

  @Differentiable
  static double sumScaledCubed(double[] xs, double k) {
    double v = sumScaled(xs, k);
    return v * v * v;
  }

  @Differentiable
  static double tooLongTwice(Shape sh) {
    return 2 * tooLong(sh);
  }
}

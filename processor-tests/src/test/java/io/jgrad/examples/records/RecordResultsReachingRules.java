package io.jgrad.examples.records;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * Plain functions of order 2 with a record result that reach {@code @CustomVjp} rules: their
 * pullback functions take the result's cotangent leaf by leaf, as a rule's with a record result do.
 */
final class RecordResultsReachingRules {
  private RecordResultsReachingRules() {}

  record Point(double x, double y) {}

  /** a·b, its bwd true for a and twice the truth for b. */
  @CustomVjp(fwd = "skewFwd", bwd = "skewBwd", order = 2)
  static double skew(double a, double b) {
    return a * b;
  }

  static Fwd<double[]> skewFwd(double a, double b) {
    return Fwd.of(a * b, new double[] {a, b});
  }

  static RecordResultsReachingRulesDerivatives.SkewGrad skewBwd(double[] res, double g) {
    return new RecordResultsReachingRulesDerivatives.SkewGrad(g * res[1], 2 * g * res[0]);
  }

  /** (skew(a, b)·a, b + skew(b, b)). */
  @Differentiable(order = 2)
  static Point pair(double a, double b) {
    return new Point(skew(a, b) * a, b + skew(b, b));
  }

  /** sin with its true derivative as the rule. */
  @CustomVjp(fwd = "sineFwd", bwd = "sineBwd", order = 2)
  static double sine(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> sineFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  static double sineBwd(Double cos, double g) {
    return cos * g;
  }

  /** (sin(x)·y, x·y) of a record parameter. */
  @Differentiable(order = 2)
  static Point turned(Point p) {
    return new Point(sine(p.x()) * p.y(), p.x() * p.y());
  }

  /** (r·sin t, r²·sin t). */
  @Differentiable(order = 2)
  static Point wave(double r, double t) {
    double s = sine(t);
    return new Point(r * s, r * r * s);
  }
}

package io.jgrad.examples.records;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
import io.jgrad.runtime.Jvp;
import io.jgrad.runtime.RecordFwd;

/** Float records, records held constant or left out of wrt, and components of other types. */
final class MoreRecordFunctions {
  private MoreRecordFunctions() {}

  enum Mode { SQUARE, CUBE }

  record FPoint(float x, float y) {}

  record Config(Mode mode, long scale, boolean flip) {}

  record Weights(double w, FPoint p) {}

  @Differentiable
  static FPoint rotate90(FPoint p, float k) {
    return new FPoint(-k * p.y(), k * p.x());
  }

  @Differentiable
  static float dot(FPoint a, FPoint b) {
    return a.x() * b.x() + a.y() * b.y();
  }

  @Differentiable
  static double configured(Config c, @NonDiff Weights held, Weights w, double x) {
    double base = c.mode() == Mode.SQUARE ? x * x : x * x * x;
    double s = c.flip() ? -base : base;
    return s * c.scale() * w.w() + held.w() * w.p().x() + held.p().y() * x;
  }

  @Differentiable(wrt = {"x"})
  static double onlyX(Weights w, double x) {
    return w.w() * x * x;
  }

  record F1(float v) {}

  /** One float leaf: the flat function has a single float gradient. */
  @Differentiable
  static float square(F1 r) {
    return r.v() * r.v();
  }

  /** A record without tangents next to a float: the gradient is one float. */
  @Differentiable
  static float scaledBy(Config c, float x) {
    return c.scale() * x * x;
  }

  record Tagged(double v, int n) {}

  @CustomVjp(fwd = "tagFwd", bwd = "tagBwd")
  static Tagged tag(double x) {
    return new Tagged(x * x, 7);
  }

  static RecordFwd<Tagged, Double> tagFwd(double x) {
    return RecordFwd.of(tag(x), x);
  }

  static double tagBwd(Double x, Tagged g) {
    return 2 * x * g.v();
  }

  @Differentiable
  static double useTag(double x) {
    Tagged t = tag(x);
    return t.v() * t.n();
  }

  @CustomJvp(jvp = "tag2Jvp")
  static Tagged tag2(double x) {
    return new Tagged(x * x, 7);
  }

  static Jvp<Tagged> tag2Jvp(double x, double xDot) {
    Tagged ans = tag2(x);
    return Jvp.of(ans, new Tagged(2 * x * xDot, ans.n()));
  }

  @Differentiable
  static double useTag2(double x) {
    Tagged t = tag2(x);
    return t.v() * t.n();
  }
}

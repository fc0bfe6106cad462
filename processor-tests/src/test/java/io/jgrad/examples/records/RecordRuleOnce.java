package io.jgrad.examples.records;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Jvp;

/**
 * A {@code @CustomJvp} rule with a record result, read and transposed once for all its leaves, and
 * callers that read several leaves of one call of a function with a record result: a counting
 * effect in the primal shows one call.
 */
final class RecordRuleOnce {
  private RecordRuleOnce() {}

  /** The mean and the norm of two numbers, and how many there are (a leaf without a tangent). */
  record Stats(double mean, double norm, int n) {}

  /** How many times {@link #stats} ran; the tests reset it. */
  static int runs;

  static void ran() {
    runs++;
  }

  @CustomJvp(jvp = "statsJvp")
  static Stats stats(double a, double b) {
    ran();
    return new Stats((a + b) / 2, Math.sqrt(a * a + b * b), 2);
  }

  static Jvp<Stats> statsJvp(double a, double b, double aDot, double bDot) {
    Stats s = stats(a, b);
    return Jvp.of(s, new Stats((aDot + bDot) / 2, (a * aDot + b * bDot) / s.norm(), s.n()));
  }

  /** Two leaves of one call read in reverse mode, and the leaf without a tangent from the same call. */
  @Differentiable
  static double spread(double a, double b) {
    Stats s = stats(a, b);
    return s.mean() * s.norm() + s.n();
  }

  @Differentiable
  static double meanMinusNorm(Stats s) {
    return s.mean() - s.norm();
  }

  /** Every leaf of one call passed on to another function. */
  @Differentiable
  static double chained(double a, double b) {
    return meanMinusNorm(stats(a, b)) * b;
  }

  record FloatPair(float u, float v) {}

  /** A record result and one float parameter: its pullback gives a float. */
  @Differentiable
  static FloatPair halfAndSquare(float k) {
    return new FloatPair(k / 2, k * k);
  }

  @Differentiable
  static float product(float k) {
    FloatPair h = halfAndSquare(k);
    return h.u() * h.v();
  }

  enum Sign { NEGATIVE, POSITIVE }

  /** A result with an enum component, which has no tangent. */
  record Signed(double magnitude, Sign sign) {}

  @CustomJvp(jvp = "signedJvp")
  static Signed signed(double x) {
    return new Signed(Math.abs(x), x < 0 ? Sign.NEGATIVE : Sign.POSITIVE);
  }

  static Jvp<Signed> signedJvp(double x, double xDot) {
    return Jvp.of(signed(x), new Signed(x < 0 ? -xDot : xDot, signed(x).sign()));
  }

  /** A body returning a record with an enum component from two places: one result local per leaf. */
  @Differentiable
  static Signed signedSquare(double x) {
    if (x < 0) {
      return new Signed(x * x, Sign.NEGATIVE);
    }
    return new Signed(x * x * x, Sign.POSITIVE);
  }

  @Differentiable
  static double signedSquareTimes(double x) {
    return signedSquare(x).magnitude() * x;
  }

  @Differentiable
  static double magnitudeTimes(double x) {
    return signed(x).magnitude() * x;
  }

  /** Two leaves of one call of a body with a record result, one inside a branch. */
  @Differentiable
  static double polar(double r, double t) {
    RecordResultOnce.Cartesian c = RecordResultOnce.cartesian(r, t);
    double y = c.y();
    if (r > 0) {
      y = y * c.x();
    }
    return y;
  }
}

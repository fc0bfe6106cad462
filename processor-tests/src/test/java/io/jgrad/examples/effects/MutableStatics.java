package io.jgrad.examples.effects;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/**
 * Functions that read fields which are not final (a learning-rate schedule, a chosen index): the
 * pullback of {@code fVjp} must use the values the forward sweep read, even after the fields change.
 */
final class MutableStatics {
  private MutableStatics() {}

  /** Changed between {@code fVjp} and {@code pullback} by the tests. */
  static double rate = 2.0;
  static int index = 1;

  @Differentiable
  static double scaled(double w) {
    return 0.5 * rate * w * w;
  }

  @Differentiable
  static double rateOnly(double w) {
    return rate * w;
  }

  @Differentiable
  static double inLoop(double[] w) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += rate * w[i] * w[i];
    }
    return s;
  }

  @Differentiable
  static double chosen(double[] w) {
    return rate * w[index] * w[index];
  }

  @Differentiable
  static double inBranch(double w) {
    double y = w;
    if (w > 0) {
      y = rate * w * w;
    }
    return y;
  }

  @CustomJvp(jvp = "ruleJvp")
  static double rule(double x) {
    return rate * Math.sin(x);
  }

  static Dual ruleJvp(double x, double xDot) {
    return Dual.of(rule(x), rate * Math.cos(x) * xDot);
  }

  @CustomJvp(jvps = {"perParameterJvp"})
  static double perParameter(double x) {
    return rate * x * x;
  }

  static double perParameterJvp(double xDot, double ans, double x) {
    return 2 * rate * x * xDot;
  }

  @Differentiable
  static double callsRules(double x) {
    return rule(x) + perParameter(x);
  }
}

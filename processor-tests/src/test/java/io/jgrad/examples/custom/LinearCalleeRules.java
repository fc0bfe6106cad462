package io.jgrad.examples.custom;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
import io.jgrad.runtime.Dual;

/**
 * JVP rules that apply a function linear in its argument to the tangent (JAX's
 * {@code return f(x), f(x_dot)} for a linear {@code f}).
 */
final class LinearCalleeRules {
  private LinearCalleeRules() {}

  /** Linear in {@code v}: 2.75 v. */
  @Differentiable
  static double scale(double v) {
    return 3.0 * v - v / 4.0;
  }

  /** Linear in {@code v} for a fixed {@code k}, through a local, a branch on {@code k} and a call of {@code scale}. */
  @Differentiable
  static double mix(double v, double k) {
    double w = k * v;
    if (k > 0) {
      w = w + scale(v);
    }
    return w;
  }

  @CustomJvp(jvp = "scaledJvp")
  static double scaled(double x) {
    return scale(x);
  }

  static Dual scaledJvp(double x, double xDot) {
    return Dual.of(scale(x), scale(xDot));
  }

  /** scale(sin x), whose tangent is cos x times scale of the tangent. */
  @CustomJvp(jvp = "scaledSineJvp")
  static double scaledSine(double x) {
    return scale(Math.sin(x));
  }

  static Dual scaledSineJvp(double x, double xDot) {
    return Dual.of(scaledSine(x), Math.cos(x) * scale(xDot));
  }

  /** mix(x, k): linear in the tangent for the fixed {@code k}. */
  @CustomJvp(jvp = "mixedJvp")
  static double mixed(double x, @NonDiff double k) {
    return mix(x, k);
  }

  static Dual mixedJvp(double x, double k, double xDot) {
    return Dual.of(mix(x, k), mix(xDot, k));
  }

  /** A caller, so that reverse mode goes through the rules' transposes. */
  @Differentiable
  static double caller(double x) {
    return scaled(x * x) + scaledSine(x) + mixed(x, 2.0);
  }
}

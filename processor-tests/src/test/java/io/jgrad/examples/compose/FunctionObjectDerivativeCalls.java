package io.jgrad.examples.compose;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
import io.jgrad.runtime.Fwd;

/**
 * Differentiable functions that call methods of generated function objects ({@code f().jvp},
 * {@code f().derivative().value}, {@code f().partialFirst().grad}, ...): read as the entry points
 * the objects delegate to, and differentiated through them.
 */
final class FunctionObjectDerivativeCalls {
  private FunctionObjectDerivativeCalls() {}

  @Differentiable(order = 3)
  static double wave(double x) {
    return Math.sin(x) * x;
  }

  @Differentiable(order = 3)
  static double loss(double w, double b) {
    return Math.exp(w * b) + w * w * b;
  }

  /** A bound parameter: the factory takes n. */
  @Differentiable(order = 2)
  static double scaled(double x, @NonDiff int n) {
    return n * Math.sin(x);
  }

  @CustomVjp(fwd = "sinRuleFwd", bwd = "sinRuleBwd", order = 3)
  static double sinRule(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> sinRuleFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  static double sinRuleBwd(Double cos, double g) {
    return cos * g;
  }

  /** wave' + wave. */
  @Differentiable
  static double slope(double x) {
    return FunctionObjectDerivativeCallsDerivatives.wave().jvp(x, 1).tangent()
        + FunctionObjectDerivativeCallsDerivatives.wave().value(x);
  }

  /** wave' from the derivative object. */
  @Differentiable
  static double derivativeValue(double x) {
    return FunctionObjectDerivativeCallsDerivatives.wave().derivative().value(x);
  }

  /** 3 wave'': the derivative object's gradient and its JVP along 2. */
  @Differentiable
  static double curvature(double x) {
    return FunctionObjectDerivativeCallsDerivatives.wave().derivative().grad(x)
        + FunctionObjectDerivativeCallsDerivatives.wave().derivative().jvp(x, 2).tangent();
  }

  /** A DiffFn2's gradient, pullback and partial derivatives' values, gradients and JVPs. */
  @Differentiable
  static double lossReads(double w, double b) {
    return FunctionObjectDerivativeCallsDerivatives.loss().grad(w, b).first() * b
        + FunctionObjectDerivativeCallsDerivatives.loss().vjp(w, b).pullback(w).second()
        + FunctionObjectDerivativeCallsDerivatives.loss().partialSecond().value(w, b)
        + FunctionObjectDerivativeCallsDerivatives.loss().partialFirst().grad(w, b).second()
        + FunctionObjectDerivativeCallsDerivatives.loss().partialSecond().jvp(w, b, 1, w).tangent();
  }

  /** n cos x + n sin x through the object bound to n. */
  @Differentiable
  static double bound(double x, int n) {
    return FunctionObjectDerivativeCallsDerivatives.scaled(n).grad(x)
        + FunctionObjectDerivativeCallsDerivatives.scaled(n).value(x);
  }

  /** cos x / (-sin x) through a rule's object: its gradient and its derivative's gradient. */
  @Differentiable
  static double ruleNewton(double x) {
    return FunctionObjectDerivativeCallsDerivatives.sinRule().grad(x)
        / FunctionObjectDerivativeCallsDerivatives.sinRule().derivative().grad(x);
  }
}

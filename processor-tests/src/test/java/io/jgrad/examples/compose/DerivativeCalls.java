package io.jgrad.examples.compose;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.Fwd;

/**
 * Differentiable functions that call generated entry points of order-2 functions: jvp of jvp, grad of
 * a function that takes a gradient step (meta-learning), pullbacks and values read from fVjp and
 * fValueAndGrad, and derivative calls of functions with custom rules.
 */
final class DerivativeCalls {
  private DerivativeCalls() {}

  @Differentiable(order = 2)
  static double wave(double x) {
    return Math.sin(x) * x;
  }

  /** wave'(x) through fJvp: its derivatives are wave''. */
  @Differentiable
  static double slope(double x) {
    return DerivativeCallsDerivatives.waveJvp(x, 1).tangent();
  }

  /** The JVP's value and its tangent along a direction that depends on the input. */
  @Differentiable
  static double jvpParts(double x) {
    return DerivativeCallsDerivatives.waveJvp(x, x).value() * DerivativeCallsDerivatives.waveJvp(2 * x, x * x).tangent();
  }

  @Differentiable(order = 2)
  static double loss(double w, double b) {
    return Math.exp(w * b) + w * w;
  }

  /** The loss after one gradient step from (w, b), as a function of (w, b): meta-learning's inner step. */
  @Differentiable
  static double afterStep(double w, double b) {
    double w1 = w - 0.1 * DerivativeCallsDerivatives.lossGrad(w, b).w();
    double b1 = b - 0.1 * DerivativeCallsDerivatives.lossGrad(w, b).b();
    return loss(w1, b1);
  }

  /** Three gradient steps on w in a loop, then the loss: the gradient goes back through every step. */
  @Differentiable
  static double afterSteps(double w, double b) {
    double v = w;
    for (int i = 0; i < 3; i++) {
      v = v - 0.05 * DerivativeCallsDerivatives.lossGrad(v, b).w();
    }
    return loss(v, b);
  }

  /** Results kept in locals, read after an argument was reassigned: each call saw the values of its time. */
  @Differentiable
  static double held(double w, double b) {
    DerivativeCallsDerivatives.LossGrad g = DerivativeCallsDerivatives.lossGrad(w, b);
    Dual d = DerivativeCallsDerivatives.waveJvp(w, b);
    w = w * b;
    return g.w() * d.tangent() + g.b() * w + d.value();
  }

  /** A pullback along a cotangent that depends on the inputs, and fValueAndGrad's parts. */
  @Differentiable
  static double pulled(double w, double b) {
    double p = DerivativeCallsDerivatives.lossVjp(w, b).pullback(w).b();
    return p + DerivativeCallsDerivatives.lossValueAndGrad(w, b).value()
        * DerivativeCallsDerivatives.lossValueAndGrad(w, b).grad().w() + DerivativeCallsDerivatives.lossVjp(w, b).value();
  }

  /** One parameter: fGrad is a number, fVjp's pullback too, fValueAndGrad has derivative(). */
  @Differentiable
  static double single(double x) {
    return DerivativeCallsDerivatives.waveGrad(x) * DerivativeCallsDerivatives.waveVjp(x).pullback(3.0)
        + DerivativeCallsDerivatives.waveValueAndGrad(x).derivative();
  }

  /** Derivative calls as arguments of Math's functions, which javac cannot type before the class exists. */
  @Differentiable
  static double inMath(double x) {
    return Math.sin(DerivativeCallsDerivatives.waveGrad(x)) + Math.abs(DerivativeCallsDerivatives.waveGrad(x))
        * Math.max(DerivativeCallsDerivatives.waveJvp(x, 2).tangent(), 0.5);
  }

  /** softplus with the logistic function as its rule's tangent. */
  @CustomJvp(jvp = "softJvp", order = 2)
  static double soft(double x) {
    return Math.log1p(Math.exp(x));
  }

  static Dual softJvp(double x, double xDot) {
    return Dual.of(soft(x), xDot / (1 + Math.exp(-x)));
  }

  @Differentiable
  static double softSlope(double x) {
    return DerivativeCallsDerivatives.softGrad(x) * x;
  }

  /** A rule whose tangent, 2·cos x, is not the derivative of its value: the rule decides. */
  @CustomJvp(jvp = "doubledJvp", order = 2)
  static double doubled(double x) {
    return Math.sin(x);
  }

  static Dual doubledJvp(double x, double xDot) {
    return Dual.of(doubled(x), 2 * Math.cos(x) * xDot);
  }

  /** As JAX's grad(grad(doubled)): the rule's tangent 2·cos x differentiated as written. */
  @Differentiable
  static double doubledSlope(double x) {
    return DerivativeCallsDerivatives.doubledGrad(x);
  }

  /** The same rule computing its value with Math.sin rather than by calling skipping ([jgrad.RuleSkipsPrimal]). */
  @CustomJvp(jvp = "skippingJvp", order = 2)
  static double skipping(double x) {
    return Math.sin(x);
  }

  static Dual skippingJvp(double x, double xDot) {
    return Dual.of(Math.sin(x), 2 * Math.cos(x) * xDot);
  }

  /** Values read from fJvp and fValueAndGrad are the rules' outputs, differentiated as the rules compute them. */
  @Differentiable
  static double ruleValues(double x) {
    return DerivativeCallsDerivatives.skippingJvp(x, 1).value() + 3 * DerivativeCallsDerivatives.doubledValueAndGrad(x).value();
  }

  /** sin with a pullback scaled by 2, so that the rule's numbers differ from sin's. */
  @CustomVjp(fwd = "scaledSinFwd", bwd = "scaledSinBwd", order = 2)
  static double scaledSin(double x) {
    return Math.sin(x);
  }

  static Fwd<Double> scaledSinFwd(double x) {
    return Fwd.of(Math.sin(x), Math.cos(x));
  }

  static double scaledSinBwd(Double cos, double g) {
    return 2 * cos * g;
  }

  /** Reaches scaledSin's @CustomVjp through its body: reverse mode only. */
  @Differentiable(order = 2)
  static double viaScaled(double x, double y) {
    return scaledSin(x * y) + x;
  }

  /** Derivative calls of reverse-only functions: reverse mode only too (no fJvp). */
  @Differentiable
  static double reverseOnly(double x, double y) {
    return DerivativeCallsDerivatives.scaledSinGrad(x) * y + DerivativeCallsDerivatives.viaScaledGrad(x, y).y()
        + DerivativeCallsDerivatives.viaScaledVjp(x, y).pullback(y).x();
  }
}

package io.jgrad.examples.compose;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.ValueAndGrad;

/**
 * Differentiable functions that call generated entry points of order-2 functions of a {@code double[]}:
 * the tangent along an array direction, and the gradient read as a whole array (a gradient step inside
 * a model, MAML's inner step), through a plain function and through a custom rule.
 */
final class ArrayDerivativeCalls {
  private ArrayDerivativeCalls() {}

  /** ½ wᵀAw + bᵀw with A = [[2, 0.5, 0], [0.5, 3, -1], [0, -1, 4]] and b = (1, -2, 0.5). */
  @Differentiable(order = 2)
  static double quadratic(double[] w) {
    return w[0] * w[0] + 1.5 * w[1] * w[1] + 2 * w[2] * w[2] + 0.5 * w[0] * w[1] - w[1] * w[2]
        + w[0] - 2 * w[1] + 0.5 * w[2];
  }

  /** The loss after one gradient step of size 0.1: the gradient read as an array. */
  @Differentiable
  static double quadraticAfterStep(double[] w) {
    double[] g = ArrayDerivativeCallsDerivatives.quadraticGrad(w);
    double[] w1 = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      w1[i] = w[i] - 0.1 * g[i];
    }
    return quadratic(w1);
  }

  @Differentiable(order = 3)
  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      s += 100 * a * a + b * b;
    }
    return s;
  }

  /** MAML's inner step on Rosenbrock, the step size a parameter too. */
  @Differentiable
  static double rosenbrockAfterStep(double[] w, double lr) {
    double[] g = ArrayDerivativeCallsDerivatives.rosenbrockGrad(w);
    double[] w1 = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      w1[i] = w[i] - lr * g[i];
    }
    return rosenbrock(w1);
  }

  /** The directional derivative ∇f(w)·v: its gradient in w is H·v, in v the gradient of f. */
  @Differentiable
  static double rosenbrockSlope(double[] w, double[] v) {
    return ArrayDerivativeCallsDerivatives.rosenbrockJvp(w, v).tangent();
  }

  /** The same at order 2 (rosenbrock has order 3): its Hessian holds third derivatives of rosenbrock. */
  @Differentiable(order = 2)
  static double rosenbrockSlope2(double[] w, double[] v) {
    return ArrayDerivativeCallsDerivatives.rosenbrockJvp(w, v).tangent();
  }

  /** fVjp's pullback along a cotangent that depends on the input: (Σw)·∇f(w), read as an array. */
  @Differentiable
  static double pulled(double[] w) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i];
    }
    double[] p = ArrayDerivativeCallsDerivatives.quadraticVjp(w).pullback(s);
    return p[0] * p[1] + p[2];
  }

  /** A held fJvp and fValueAndGrad: value, tangent and the gradient array read from locals. */
  @Differentiable
  static double held(double[] w, double[] v) {
    Dual d = ArrayDerivativeCallsDerivatives.rosenbrockJvp(w, v);
    ValueAndGrad<double[]> vg = ArrayDerivativeCallsDerivatives.rosenbrockValueAndGrad(w);
    double[] g = vg.grad();
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += g[i] * g[i];
    }
    return d.tangent() * d.value() + vg.value() * s;
  }

  /**
   * x₀x₁ with a rule whose tangent is 2x₁ẋ₀ + 3x₀ẋ₁: its gradient (2x₁, 3x₀) has the asymmetric
   * Jacobian [[0, 2], [3, 0]], which the caller's derivatives follow as written (JAX's semantics).
   */
  @CustomJvp(jvp = "tiltedJvp", order = 2)
  static double tilted(double[] x) {
    return x[0] * x[1];
  }

  static Dual tiltedJvp(double[] x, double[] xDot) {
    return Dual.of(tilted(x), 2 * x[1] * xDot[0] + 3 * x[0] * xDot[1]);
  }

  /** A gradient step through the rule, read through fValueAndGrad's grad(). */
  @Differentiable
  static double tiltedAfterStep(double[] w) {
    double[] g = ArrayDerivativeCallsDerivatives.tiltedValueAndGrad(w).grad();
    double[] w1 = new double[2];
    for (int i = 0; i < 2; i++) {
      w1[i] = w[i] - 0.25 * g[i];
    }
    return tilted(w1);
  }

  @Differentiable(order = 2)
  static float squareF(float a) {
    return a * a;
  }

  /** w₀w₁² + w₀² through a float callee: fTangent has no reverse mode, fGradient's VJP one pass per element. */
  @Differentiable(order = 2)
  static double throughFloat(double[] w) {
    return w[0] * squareF((float) w[1]) + w[0] * w[0];
  }

  /** The product of the two gradient components. */
  @Differentiable
  static double throughFloatProduct(double[] w) {
    double[] g = ArrayDerivativeCallsDerivatives.throughFloatGrad(w);
    return g[0] * g[1];
  }

  /**
   * The gradient read in place: Σᵢ ∇f(w)ᵢ wᵢ² in a loop (the gradient computed once, before the
   * loop), then ∇f(w)₀ · (w₁ ∇f(w))₂ through fValueAndGrad and fVjp.
   */
  @Differentiable
  static double quadraticInPlace(double[] w) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += ArrayDerivativeCallsDerivatives.quadraticGrad(w)[i] * w[i] * w[i];
    }
    return s + ArrayDerivativeCallsDerivatives.quadraticValueAndGrad(w).grad()[0]
        * ArrayDerivativeCallsDerivatives.quadraticVjp(w).pullback(w[1])[2];
  }

  /** Σᵢ r(w)ᵢ wᵢ through the asymmetric rule, read in place: its gradient is Jᵀw + r(w), not Jw + r(w). */
  @Differentiable
  static double tiltedInPlace(double[] w) {
    double s = 0;
    for (int i = 0; i < 2; i++) {
      s += ArrayDerivativeCallsDerivatives.tiltedGrad(w)[i] * w[i];
    }
    return s;
  }

  /** quadratic(w) + b(w₀ - w₂) + b³/3: an array and a number differentiated. */
  @Differentiable(order = 2)
  static double mixed(double[] w, double b) {
    return quadratic(w) + b * (w[0] - w[2]) + b * b * b / 3;
  }

  /** A gradient step in both parameters: the array component read into a local, the number on the call. */
  @Differentiable
  static double mixedAfterStep(double[] w, double b) {
    double[] gw = ArrayDerivativeCallsDerivatives.mixedGrad(w, b).w();
    double gb = ArrayDerivativeCallsDerivatives.mixedGrad(w, b).b();
    double[] w1 = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      w1[i] = w[i] - 0.1 * gw[i];
    }
    return mixed(w1, b - 0.1 * gb);
  }

  /** The components read in place, held and through fVjp: Σᵢ (∂F/∂w)ᵢ wᵢ + b · s·∂F/∂b with s = w₁. */
  @Differentiable
  static double mixedInPlace(double[] w, double b) {
    ArrayDerivativeCallsDerivatives.MixedGrad g = ArrayDerivativeCallsDerivatives.mixedGrad(w, b);
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += g.w()[i] * w[i];
    }
    return s + b * ArrayDerivativeCallsDerivatives.mixedVjp(w, b).pullback(w[1]).b();
  }

  /**
   * a₀b₀ with a rule over two arrays whose tangent is 2b₀ȧ₀ + 3a₀ḃ₀: the gradient (2b₀e₀, 3a₀e₀)
   * has ∂(∂f/∂a₀)/∂b₀ = 2 but ∂(∂f/∂b₀)/∂a₀ = 3.
   */
  @CustomJvp(jvp = "tiltedPairJvp", order = 2)
  static double tiltedPair(double[] a, double[] b) {
    return a[0] * b[0];
  }

  static Dual tiltedPairJvp(double[] a, double[] b, double[] aDot, double[] bDot) {
    return Dual.of(tiltedPair(a, b), 2 * b[0] * aDot[0] + 3 * a[0] * bDot[0]);
  }

  /** r(a, b)·(a, b) through the rule, both components read in place. */
  @Differentiable
  static double tiltedPairInPlace(double[] a, double[] b) {
    return ArrayDerivativeCallsDerivatives.tiltedPairGrad(a, b).a()[0] * a[0]
        + ArrayDerivativeCallsDerivatives.tiltedPairGrad(a, b).b()[0] * b[0];
  }

  /** b·w₀² through a float callee, plus w₀w₁b: fTangent has no reverse mode, each VJP one pass per element. */
  @Differentiable(order = 2)
  static double floatMixed(double[] w, double b) {
    return b * squareF((float) w[0]) + w[0] * w[1] * b;
  }

  /** The product of the first array component and the number component of the gradient. */
  @Differentiable
  static double floatMixedProduct(double[] w, double b) {
    return ArrayDerivativeCallsDerivatives.floatMixedGrad(w, b).w()[0]
        * ArrayDerivativeCallsDerivatives.floatMixedGrad(w, b).b();
  }

  /** w₀²w₁ + 2w₁² over a float[]: its gradient is a float[]. */
  @Differentiable(order = 2)
  static double floatQuadratic(float[] w) {
    return w[0] * w[0] * w[1] + 2 * w[1] * w[1];
  }

  /** A float gradient step, then the gradient read in place and through fVjp. */
  @Differentiable
  static double floatStep(float[] w) {
    float[] g = ArrayDerivativeCallsDerivatives.floatQuadraticGrad(w);
    float[] w1 = new float[2];
    for (int i = 0; i < 2; i++) {
      w1[i] = w[i] - 0.125f * g[i];
    }
    return floatQuadratic(w1) + ArrayDerivativeCallsDerivatives.floatQuadraticGrad(w)[0]
        * ArrayDerivativeCallsDerivatives.floatQuadraticVjp(w).pullback(0.5)[1];
  }

  /** The directional derivative along a float[] direction: its gradient in w is H·v. */
  @Differentiable
  static double floatSlope(float[] w, float[] v) {
    return ArrayDerivativeCallsDerivatives.floatQuadraticJvp(w, v).tangent();
  }
}

package io.jgrad.examples.compose;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Jvp;

/**
 * Differentiable functions that read {@code fJvp(x, v).tangent()} and {@code .value()} of order-2
 * functions with a {@code double[]} result, into a local array or in place: through a plain body and
 * through a custom rule whose tangent is not the value's derivative (JAX's semantics: the rule's
 * tangent is differentiated as written).
 */
final class ArrayResultDerivativeCalls {
  private ArrayResultDerivativeCalls() {}

  /** yᵢ = sin(a·xᵢ) + a·xᵢ². */
  @Differentiable(order = 2)
  static double[] features(double a, double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.sin(a * x[i]) + a * x[i] * x[i];
    }
    return y;
  }

  /** |J·(1, v)|²: the tangent read into a local array. */
  @Differentiable
  static double slopeEnergy(double a, double[] x, double[] v) {
    double[] t = ArrayResultDerivativeCallsDerivatives.featuresJvp(a, x, 1.0, v).tangent();
    double s = 0;
    for (int i = 0; i < t.length; i++) {
      s += t[i] * t[i];
    }
    return s;
  }

  /** wᵀ·J·(0.5, w): the tangent read in place, in a loop (computed once). */
  @Differentiable
  static double slopeAlong(double a, double[] x, double[] w) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += w[i] * ArrayResultDerivativeCallsDerivatives.featuresJvp(a, x, 0.5, w).tangent()[i];
    }
    return s;
  }

  /** Σᵢ yᵢ·tᵢ through a held Jvp: y = features(a, x), t = J·(0, v). */
  @Differentiable
  static double valueTimesSlope(double a, double[] x, double[] v) {
    Jvp<double[]> j = ArrayResultDerivativeCallsDerivatives.featuresJvp(a, x, 0.0, v);
    double[] y = j.value();
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += y[i] * j.tangent()[i];
    }
    return s;
  }

  /** A curve (cos kt, sin t, kt²). */
  @Differentiable(order = 2)
  static double[] curve(double t, double k) {
    double[] c = new double[3];
    c[0] = Math.cos(k * t);
    c[1] = Math.sin(t);
    c[2] = k * t * t;
    return c;
  }

  /** |∂curve/∂t|²: the Jacobian's column for t read in place (JAX's jacfwd). */
  @Differentiable
  static double speed(double t, double k) {
    double s = 0;
    for (int i = 0; i < 3; i++) {
      s += ArrayResultDerivativeCallsDerivatives.curveJacobian(t, k).t()[i]
          * ArrayResultDerivativeCallsDerivatives.curveJacobian(t, k).t()[i];
    }
    return s;
  }

  /** (cos t, sin t). */
  @Differentiable(order = 2)
  static double[] circle(double t) {
    double[] c = new double[2];
    c[0] = Math.cos(t);
    c[1] = Math.sin(t);
    return c;
  }

  /** t·∂c₀/∂t = -t sin t: the Jacobian of a function of one number, a column read into a local. */
  @Differentiable
  static double circleSlope(double t) {
    double[] column = ArrayResultDerivativeCallsDerivatives.circleJacobian(t);
    return t * column[0];
  }

  /** xᵢ² with a rule whose tangent is 3xᵢ·ẋᵢ (not the value's derivative 2xᵢ·ẋᵢ). */
  @CustomJvp(jvp = "squaresJvp", order = 2)
  static double[] squares(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * x[i];
    }
    return y;
  }

  static Jvp<double[]> squaresJvp(double[] x, double[] xDot) {
    double[] y = squares(x);
    double[] t = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      t[i] = 3 * x[i] * xDot[i];
    }
    return Jvp.of(y, t);
  }

  /** Σᵢ cᵢ·(3xᵢ·vᵢ)²: the rule's tangent, differentiated as written. */
  @Differentiable
  static double ruleSlope(double[] x, double[] v, double[] c) {
    double[] t = ArrayResultDerivativeCallsDerivatives.squaresJvp(x, v).tangent();
    double s = 0;
    for (int i = 0; i < t.length; i++) {
      s += c[i] * t[i] * t[i];
    }
    return s;
  }
}

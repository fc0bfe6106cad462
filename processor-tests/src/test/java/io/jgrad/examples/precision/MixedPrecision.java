package io.jgrad.examples.precision;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.FloatDual;

/**
 * Functions mixing {@code float} and {@code double}: float parameters with a double result and
 * the reverse, float locals in double code, float arrays, calls between float and double
 * functions, each conversion Java makes silently. {@code MixedPrecisionTest} checks them against
 * their double twins.
 */
final class MixedPrecision {
  private MixedPrecision() {}

  /** The reported shape: a double function computing in float from float parameters. */
  @Differentiable
  static double productOnce(float[] x, float a) {
    return a * x[0] * x[1];
  }

  @Differentiable(order = 2)
  static double product(float[] x, float a) {
    return a * x[0] * x[1];
  }

  @Differentiable(order = 2)
  static double floatsToDouble(float a, float b) {
    return a * b + Math.sin(a);
  }

  @Differentiable(order = 2)
  static float narrowed(double x) {
    return (float) (x * x);
  }

  @Differentiable(order = 2)
  static float castTimes(double x, float y) {
    return (float) x * y;
  }

  @Differentiable(order = 2)
  static double floatLocal(float a, double b) {
    float t = a * a;
    return t * b;
  }

  @Differentiable(order = 2)
  static double throughFloat(double x) {
    float t = (float) x;
    return t * t;
  }

  @Differentiable(order = 2)
  static double floatSum(float[] x) {
    float s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i] * x[i];
    }
    return s;
  }

  @Differentiable(order = 2)
  static double scaledSum(double[] x, float a) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += a * a * x[i];
    }
    return s;
  }

  @Differentiable(order = 2)
  static float square(float a) {
    return a * a;
  }

  @Differentiable(order = 2)
  static double expTimes(double x) {
    return x * Math.exp(x);
  }

  @Differentiable(order = 2)
  static double callsFloat(double x) {
    return square((float) x) * x;
  }

  @Differentiable(order = 2)
  static double passesFloat(float a) {
    return expTimes(a);
  }

  @Differentiable(order = 2)
  static float narrowsCall(float a) {
    return (float) expTimes(a) * a;
  }

  @Differentiable(order = 2)
  static double mixedCalls(float a, float b) {
    return square(a) + expTimes(b) * square(b);
  }

  @Differentiable(order = 2)
  static double expOfFloat(float a) {
    return Math.exp(a);
  }

  @Differentiable(order = 2)
  static double powMixed(float a, double b) {
    return Math.pow(a, b);
  }

  @Differentiable(order = 2)
  static double maxMixed(float a, double b) {
    return Math.max(a, b) * a;
  }

  @Differentiable(order = 2)
  static double selects(float a, double b) {
    return a > b ? a * b : b * 2;
  }

  @Differentiable(order = 2)
  static double widenedLocal(float a) {
    double d = a;
    return d * d * d;
  }

  @Differentiable(order = 2)
  static double compound(float a) {
    double d = 1;
    d *= a;
    d += a * a;
    return d;
  }

  @Differentiable(order = 2)
  static float compoundNarrowing(float a, double b) {
    float t = a;
    t += b;
    t *= b;
    return t;
  }

  @Differentiable(order = 2)
  static double intoDoubleArray(float a) {
    double[] y = new double[2];
    y[0] = a;
    y[1] = a * a;
    return y[0] * y[1];
  }

  @Differentiable(order = 2)
  static double quotient(float[] x) {
    return x[0] / x[1] - x[0];
  }

  @Differentiable(order = 2)
  static double branchReturn(float a, double b) {
    if (a > 0) {
      return a * b;
    }
    return a;
  }

  @Differentiable(order = 2)
  static float doubleInside(float a) {
    double d = a * 2.0;
    return (float) (d * d);
  }

  @Differentiable(order = 2)
  static double negated(float a) {
    return -a;
  }

  @Differentiable(order = 2)
  static double widened(float a) {
    return a;
  }

  @Differentiable(order = 2)
  static double ternaryFloat(float a, double b) {
    float t = a > 0 ? a : a * a;
    return b > 0 ? t * b : b;
  }

  @Differentiable(order = 2)
  static double loopMixed(float[] x, double c) {
    double s = 0;
    float p = 1;
    for (int i = 0; i < x.length; i++) {
      p *= x[i];
      s += p * c;
    }
    return s;
  }

  /** A double function of a float with a rule: x². */
  @CustomJvp(jvp = "ruleJvp", order = 2)
  static double rule(float a) {
    return a * a;
  }

  static Dual ruleJvp(float a, float aDot) {
    return Dual.of(rule(a), 2 * a * aDot);
  }

  /** A float function with a rule: x². */
  @CustomJvp(jvp = "floatRuleJvp", order = 2)
  static float floatRule(float a) {
    return a * a;
  }

  static FloatDual floatRuleJvp(float a, float aDot) {
    return FloatDual.of(floatRule(a), 2 * a * aDot);
  }

  /** x³ + x², through both rules. */
  @Differentiable(order = 2)
  static double callsRules(double x) {
    return rule((float) x) * x + floatRule((float) x);
  }

  @Batched
  @Differentiable
  static double batched(float a, double b) {
    float t = a * a;
    return t * b + Math.sin(a);
  }
}

package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.DiffFn1;
import io.jgrad.runtime.Dual;

/**
 * Functions of order 3 and 4: fDerivative gives their third and fourth directional derivatives, through
 * loops, branches, calls of other order-3 functions, and custom rules whose tangent (2·cos x) is not
 * the derivative of their value (sin x), so that JAX's semantics for rules at every order shows.
 */
final class AnyOrderExamples {
  private AnyOrderExamples() {}

  @Differentiable(order = 3)
  static double sinTimesSquare(double x, double y) {
    return Math.sin(x) * y * y;
  }

  @Differentiable(order = 4)
  static double expOfProduct(double x, double y) {
    return Math.exp(x * y);
  }

  /** x to the power n by a loop. */
  @Differentiable(order = 3)
  static double power(double x, int n) {
    double p = 1;
    for (int i = 0; i < n; i++) {
      p = p * x;
    }
    return p;
  }

  /** x³ for positive x, sin(x)·x otherwise. */
  @Differentiable(order = 3)
  static double branch(double x) {
    double out;
    if (x > 0) {
      out = x * x * x;
    } else {
      out = Math.sin(x) * x;
    }
    return out;
  }

  @Differentiable(order = 3)
  static double inner(double x) {
    return Math.sin(x) * x;
  }

  @Differentiable(order = 3)
  static double middle(double x, double y) {
    return inner(x * y) + y * inner(y);
  }

  /** A chain of order-3 calls: outer calls middle, which calls inner. */
  @Differentiable(order = 3)
  static double outer(double x, double y) {
    return middle(x, y) * x;
  }

  /** Its rule computes sin(x) itself: applied once, its body differentiated as written above it. */
  @CustomJvp(jvp = "skipsJvp", order = 4)
  static double skips(double x) {
    return Math.sin(x);
  }

  static Dual skipsJvp(double x, double xDot) {
    return Dual.of(Math.sin(x), 2 * Math.cos(x) * xDot);
  }

  /** Its rule calls calls(x): applied at every order. */
  @CustomJvp(jvp = "callsJvp", order = 4)
  static double calls(double x) {
    return Math.sin(x);
  }

  static Dual callsJvp(double x, double xDot) {
    return Dual.of(calls(x), 2 * Math.cos(x) * xDot);
  }

  @Differentiable(order = 3)
  static double skipsSquared(double x) {
    double s = skips(x);
    return s * s;
  }

  @Differentiable(order = 4)
  static double callsSquared(double x) {
    double s = calls(x);
    return s * s;
  }

  /** Through a function object: its derivatives come from the object's own, to order 3. */
  @Differentiable(order = 3)
  static double throughObject(DiffFn1 f, double x) {
    return f.value(x * x) * x;
  }
}

package io.jgrad.examples.precision;

import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.DiffFn1;
import io.jgrad.runtime.DiffFn2;

/**
 * Function objects of {@code float} functions and of functions reaching one, whose derivative
 * objects go through the tangent functions to the compiled order.
 */
final class FloatFunctionObjects {
  private FloatFunctionObjects() {}

  /** a³, to the third derivative. */
  @Differentiable(order = 3)
  static float cube(float a) {
    return a * a * a;
  }

  /** x²·y with a float x and a float result. */
  @Differentiable(order = 2)
  static float scaled(float x, double y) {
    return (float) (x * x * y);
  }

  /** x³ through a float function: a double function without pullback functions. */
  @Differentiable(order = 2)
  static double reachesFloat(double x) {
    return MixedPrecision.square((float) x) * x;
  }

  /** f(x)·x through a function object, differentiated twice. */
  @Differentiable(order = 2)
  static double timesX(DiffFn1 f, double x) {
    return f.value(x) * x;
  }

  /** ∂f/∂x(x, y) + f(x, y) through a function object's partial. */
  @Differentiable
  static double slopePlusValue(DiffFn2 f, double x, double y) {
    return f.partialFirst().value(x, y) + f.value(x, y);
  }
}

package io.jgrad.examples.signatures;

import io.jgrad.annotations.Differentiable;

/**
 * char, byte and short parameters: non-differentiable integers, which the generated signatures spell
 * as declared (an int could not be handed back to these methods), and calls pass with a cast.
 */
final class NarrowIntParameters {
  private NarrowIntParameters() {}

  /** A tag record with a char component. */
  record Tagged(double v, char tag) {}

  /** c x^2 + b s x. */
  @Differentiable
  static double mixed(double x, char c, byte b, short s) {
    return c * x * x + b * s * x;
  }

  /** Calls mixed with a char local, literals, and a byte constant that wraps: (byte) -200 is 56. */
  @Differentiable
  static double caller(double x) {
    char k = 'a';
    return mixed(x, k, (byte) -200, (short) 3) + mixed(x, 'b', (byte) 1, (short) -2);
  }

  /** c x^3 at order 2. */
  @Differentiable(order = 2)
  static double cubic(double x, char c) {
    return c * x * x * x;
  }

  /** tag v^2, through a record with a char component. */
  @Differentiable
  static double tagged(Tagged t) {
    return t.tag() * t.v() * t.v();
  }
}

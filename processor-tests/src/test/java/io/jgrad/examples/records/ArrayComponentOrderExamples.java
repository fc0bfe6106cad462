package io.jgrad.examples.records;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/** Records with an array component at order 2 and 3: a record is its leaves, an array leaf as an array. */
final class ArrayComponentOrderExamples {
  private ArrayComponentOrderExamples() {}

  record Layer(double[] w, double b) {}

  /** Σᵢ wᵢ³·b + b²: one record parameter with an array leaf. */
  @Differentiable(order = 3)
  static double cubes(Layer l) {
    double s = l.b() * l.b();
    for (int i = 0; i < l.w().length; i++) {
      s += l.w()[i] * l.w()[i] * l.w()[i] * l.b();
    }
    return s;
  }

  /** tanh(w·x + b) summed over a record layer, with x a plain array: sin-weighted. */
  @Differentiable(order = 2)
  static double unit(Layer l, double[] x, double t) {
    double z = l.b() * t;
    for (int i = 0; i < x.length; i++) {
      z += l.w()[i] * x[i];
    }
    return Math.tanh(z) + t * t * l.b();
  }

  /** A record result with an array component: (t·(1, t, t²), sin t). */
  @Differentiable(order = 3)
  static Layer grow(double t) {
    double[] w = new double[3];
    w[0] = t;
    w[1] = t * t;
    w[2] = t * t * t;
    return new Layer(w, Math.sin(t));
  }

  /** Σᵢ cube(wᵢ)·b through a rule: fHvp by one forward-over-forward pass per number. */
  @Differentiable(order = 2)
  static double ruled(Layer l) {
    double s = 0;
    for (int i = 0; i < l.w().length; i++) {
      s += cube(l.w()[i]) * l.b();
    }
    return s;
  }

  /** z³ with a rule that calls its function: 3z² at every order. */
  @CustomJvp(jvp = "cubeJvp", order = 2)
  static double cube(double z) {
    return z * z * z;
  }

  static Dual cubeJvp(double z, double zDot) {
    return Dual.of(cube(z), 3 * z * z * zDot);
  }
}

package io.jgrad.examples.custom;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;

/** Order-2 functions: the notebook's sin-like rule applied twice, and a body with a loop and a branch. */
final class SecondOrderExamples {
  private SecondOrderExamples() {}

  @CustomJvp(jvp = "sinLikeJvp", order = 2)
  static double sinLike(double x) {
    return Math.sin(x);
  }

  static Dual sinLikeJvp(double x, double xDot) {
    return Dual.of(sinLike(x), Math.cos(x) * xDot);
  }

  @Differentiable(order = 2)
  static double bumpy(double x, double y) {
    double s = 0;
    for (int i = 1; i <= 3; i++) {
      s += Math.sin(i * x) * y * y + Math.exp(y / i) * x;
    }
    return x > 0 ? s : -s;
  }

  /** Second order through calls: to a custom-JVP function and to a body function, both of order 2. */
  @Differentiable(order = 2)
  static double composite(double x, double y) {
    return sinLike(x * y) * bumpy(y, x) + x;
  }
}

package io.jgrad.bench.hand;

import io.jgrad.runtime.Dual;

/** Hand-written gradient, JVP and Hessian-vector product of the extended Rosenbrock function, one pass each. */
public final class HandRosenbrock {
  private HandRosenbrock() {}

  /** The full gradient in one forward pass: term i touches only x[i] and x[i+1]. */
  public static double[] grad(double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      g[i] += -400 * a * x[i] - 2 * (1 - x[i]);
      g[i + 1] += 200 * a;
    }
    return g;
  }

  /**
   * {@link #grad} with its loop run from the last term to the first, as reverse mode runs it: the
   * same arithmetic, so against {@link #grad} it measures what the direction costs.
   */
  public static double[] gradBackwards(double[] x) {
    double[] g = new double[x.length];
    for (int i = x.length - 2; i >= 0; i--) {
      double a = x[i + 1] - x[i] * x[i];
      g[i] += -400 * a * x[i] - 2 * (1 - x[i]);
      g[i + 1] += 200 * a;
    }
    return g;
  }

  /**
   * jgrad's generated {@code rosenbrockGrad} (golden {@code CountedLoopsDerivatives}) copied by hand:
   * against {@link #gradBackwards} it measures what the generated arithmetic costs
   * ({@code 100·a + 100·a} where a person writes {@code 200·a}), against the generated method what
   * javac's and the JIT's view of generated code costs.
   */
  public static double[] gradAsGenerated(double[] x) {
    double[] xBar = new double[x.length];
    for (int i = x.length - 2; i >= 0; i--) {
      double elem1 = x[i + 1];
      double elem2 = x[i];
      double prod1 = elem2 * elem2;
      double a = elem1 - prod1;
      double b = 1 - elem2;
      double prod2 = 100 * a;
      double aBar = prod2 + 100 * a;
      xBar[i] -= 2.0 * b + 2.0 * (elem2 * aBar);
      xBar[i + 1] += aBar;
    }
    return xBar;
  }

  /**
   * The Hessian times {@code v} in one pass over the tridiagonal Hessian: term i contributes
   * [[1200xᵢ² - 400xᵢ₊₁ + 2, -400xᵢ], [-400xᵢ, 200]] on rows and columns i and i + 1.
   */
  public static double[] hvp(double[] x, double[] v) {
    double[] hv = new double[x.length];
    for (int i = 0; i < x.length - 1; i++) {
      double off = -400 * x[i];
      hv[i] += (1200 * x[i] * x[i] - 400 * x[i + 1] + 2) * v[i] + off * v[i + 1];
      hv[i + 1] += off * v[i] + 200 * v[i + 1];
    }
    return hv;
  }

  /** Value and directional derivative along {@code v} in one pass. */
  public static Dual jvp(double[] x, double[] v) {
    double s = 0;
    double sDot = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      s += 100 * a * a + b * b;
      sDot += 200 * a * (v[i + 1] - 2 * x[i] * v[i]) - 2 * b * v[i];
    }
    return Dual.of(s, sDot);
  }
}

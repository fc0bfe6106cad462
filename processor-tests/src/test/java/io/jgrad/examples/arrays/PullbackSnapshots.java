package io.jgrad.examples.arrays;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/** Functions of arrays whose pullback runs after the caller has changed the arrays in place. */
final class PullbackSnapshots {
  private PullbackSnapshots() {}

  /** A weight vector, as an optimizer holds it. */
  record Weights(double[] w, double scale) {}

  /** Rosenbrock's function, by a loop: its backward sweep reads x again. */
  @Differentiable
  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      s += 100 * a * a + b * b;
    }
    return s;
  }

  /** {@code Σ sin(c·x[i])·x[i]}: an array next to a double. */
  @Differentiable
  static double scaledSines(double[] x, double c) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.sin(c * x[i]) * x[i];
    }
    return s;
  }

  /** {@code scale · Σ w[i]³}: a record with an array component. */
  @Differentiable
  static double cubes(Weights p) {
    double s = 0;
    for (int i = 0; i < p.w().length; i++) {
      s += p.w()[i] * p.w()[i] * p.w()[i];
    }
    return s * p.scale();
  }

  /** {@code Σ x[i]²} by a rule whose residual is its own copy of x. */
  @CustomVjp(fwd = "squaresFwd", bwd = "squaresBwd")
  static double squares(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return s;
  }

  static Fwd<double[]> squaresFwd(double[] x) {
    return new Fwd<>(squares(x), x.clone());
  }

  static double[] squaresBwd(double[] x, double g) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = 2 * x[i] * g;
    }
    return out;
  }

  /** {@code Σ_k x[idx[k]]²} by a rule whose backward pass reads the indices it is given. */
  @CustomVjp(fwd = "pickedFwd", bwd = "pickedBwd")
  static double picked(double[] x, int[] idx) {
    double s = 0;
    for (int k : idx) {
      s += x[k] * x[k];
    }
    return s;
  }

  static Fwd<double[]> pickedFwd(double[] x, int[] idx) {
    return new Fwd<>(picked(x, idx), x.clone());
  }

  static double[] pickedBwd(int[] idx, double[] x, double g) {
    double[] out = new double[x.length];
    for (int k : idx) {
      out[k] += 2 * x[k] * g;
    }
    return out;
  }
}

package io.jgrad.examples.jacobians;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
import io.jgrad.runtime.Jvp;
import io.jgrad.runtime.RecordFwd;

/** Functions with array and record results, whose generated {@code fJacobian} the tests check. */
final class JacobianFunctions {
  private JacobianFunctions() {}

  /** Polar coordinates to Cartesian ones. */
  record Cartesian(double x, double y) {}

  /** A point with a name that has no tangent. */
  record Point(double x, double y, String name) {}

  /** A scaled copy of an array, its squared norm, and a label without a tangent. */
  record Scaled(double[] w, double norm, String label) {}

  /** k·x[i]² element by element: the user guide's example. */
  @Differentiable
  static double[] scaleSquares(double[] x, double k) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = k * x[i] * x[i];
    }
    return y;
  }

  /** 2n + 1 outputs from n inputs: sin x[i], then x[i]·x[i+1] around the ring, then Σ x². Forward mode. */
  @Differentiable
  static double[] expand(double[] x) {
    int n = x.length;
    double[] y = new double[2 * n + 1];
    double s = 0;
    for (int i = 0; i < n; i++) {
      y[i] = Math.sin(x[i]);
      y[n + i] = x[i] * x[(i + 1) % n];
      s += x[i] * x[i];
    }
    y[2 * n] = s;
    return y;
  }

  /** Two outputs from n inputs: Σ x[i]³ and Σ i·x[i]·x[0]. Reverse mode once n > 2. */
  @Differentiable
  static double[] summarize(double[] x) {
    double[] y = new double[2];
    for (int i = 0; i < x.length; i++) {
      y[0] += x[i] * x[i] * x[i];
      y[1] += i * x[i] * x[0];
    }
    return y;
  }

  /** n outputs a·cos(i·b) + b² from two numbers; n held constant. */
  @Differentiable
  static double[] wave(double a, double b, @NonDiff int n) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = a * Math.cos(i * b) + b * b;
    }
    return y;
  }

  /** A record result from two numbers: both counts are known, so forward mode is chosen at compile time. */
  @Differentiable
  static Cartesian polar(double r, double t) {
    return new Cartesian(r * Math.cos(t), r * Math.sin(t));
  }

  /** k·x with its squared norm: an array and a number, as a record with an array component. */
  @Differentiable
  static Scaled scale(double[] x, double k) {
    double[] w = new double[x.length];
    double norm = 0;
    for (int i = 0; i < x.length; i++) {
      w[i] = k * x[i];
      norm += w[i] * w[i];
    }
    return new Scaled(w, norm, "scaled");
  }

  /** A record parameter and an array: y[i] = p.x·x[i] + p.y·x[i]². */
  @Differentiable
  static double[] affine(Point p, double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = p.x() * x[i] + p.y() * x[i] * x[i];
    }
    return y;
  }

  /** x² element by element, and Σ x at the end, in floats. */
  @Differentiable
  static float[] squares(float[] x) {
    float[] y = new float[x.length + 1];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * x[i];
      y[x.length] += x[i];
    }
    return y;
  }

  /**
   * Floor of x[i+1] - x[i] with a straight-through rule: the body's derivative is zero, the rule's is
   * the difference's, which the Jacobian must show (n - 1 outputs: reverse mode, through the rule).
   */
  @CustomJvp(jvp = "steppedDiffsJvp")
  static double[] steppedDiffs(double[] x) {
    double[] y = new double[x.length - 1];
    for (int i = 0; i + 1 < x.length; i++) {
      y[i] = Math.floor(x[i + 1] - x[i]);
    }
    return y;
  }

  static Jvp<double[]> steppedDiffsJvp(double[] x, double[] xDot) {
    double[] y = steppedDiffs(x);
    double[] t = new double[x.length - 1];
    for (int i = 0; i + 1 < x.length; i++) {
      t[i] = xDot[i + 1] - xDot[i];
    }
    return Jvp.of(y, t);
  }

  /** Floor of 2x element by element with the rule 2ẋ: n outputs from n inputs, forward mode through the rule. */
  @CustomJvp(jvp = "steppedDoubleJvp")
  static double[] steppedDouble(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.floor(2 * x[i]);
    }
    return y;
  }

  static Jvp<double[]> steppedDoubleJvp(double[] x, double[] xDot) {
    double[] y = steppedDouble(x);
    double[] t = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      t[i] = 2 * xDot[i];
    }
    return Jvp.of(y, t);
  }

  /**
   * x² element by element and Σ x² last, with a backward pass that damps the gradient to half the
   * body's: no forward mode, so reverse mode even though n < m, and the rule's numbers.
   */
  @CustomVjp(fwd = "dampedSquaresFwd", bwd = "dampedSquaresBwd")
  static double[] dampedSquares(double[] x) {
    double[] y = new double[x.length + 1];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * x[i];
      y[x.length] += x[i] * x[i];
    }
    return y;
  }

  static RecordFwd<double[], double[]> dampedSquaresFwd(double[] x) {
    return RecordFwd.of(dampedSquares(x), x.clone());
  }

  static double[] dampedSquaresBwd(double[] x, double[] g) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] * (g[i] + g[x.length]);
    }
    return out;
  }

  /** x²y + sin(y·z) + z³: a Hessian addressed by parameter name. */
  @Differentiable(order = 2)
  static double mixed(double x, double y, double z) {
    return x * x * y + Math.sin(y * z) + z * z * z;
  }

  /** x·y² with a float y, whose Hessian row holds a float component. */
  @Differentiable(order = 2)
  static double mixedFloat(double x, float y) {
    return x * y * y;
  }
}

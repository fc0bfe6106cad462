package io.jgrad.examples.higher;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Dual;
import java.util.Arrays;

/**
 * Second and higher derivatives over array parameters, by forward mode over forward mode with tangent
 * arrays: loops over the array, local arrays, calls of functions taking arrays, a custom rule over an
 * array, a float array, and a scalar parameter next to an array.
 */
final class ArrayOrderExamples {
  private ArrayOrderExamples() {}

  /** Σ xᵢ²: H = 2I. */
  @Differentiable(order = 2)
  static double sumSquares(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return s;
  }

  /** Rosenbrock's function Σ 100 (xᵢ₊₁ - xᵢ²)² + (1 - xᵢ)², whose Hessian is tridiagonal. */
  @Differentiable(order = 2)
  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      s += 100 * a * a + b * b;
    }
    return s;
  }

  /** log Σ exp(xᵢ): H = diag(p) - p pᵀ with p the softmax of x. */
  @Differentiable(order = 2)
  static double logSumExp(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.exp(x[i]);
    }
    return Math.log(s);
  }

  /** The softmax-weighted mean Σ pᵢxᵢ, the weights pᵢ = exp(xᵢ) / Σ exp(xⱼ) kept in a local array. */
  @Differentiable(order = 2)
  static double softmaxMean(double[] x) {
    double[] p = new double[x.length];
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      p[i] = Math.exp(x[i]);
      total += p[i];
    }
    double mean = 0;
    for (int i = 0; i < x.length; i++) {
      p[i] = p[i] / total;
      mean += p[i] * x[i];
    }
    return mean;
  }

  /** A callee taking an array, and a scalar parameter next to the array: a·Σ xᵢ² + sin(a·x₀). */
  @Differentiable(order = 2)
  static double scaledSquares(double[] x, double a) {
    return a * sumSquares(x) + Math.sin(a * x[0]);
  }

  /** A custom rule over an array, which calls its function: applied at every order. */
  @CustomJvp(jvp = "quarticJvp", order = 3)
  static double quartic(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v * v * v;
    }
    return s;
  }

  static Dual quarticJvp(double[] x, double[] xDot) {
    double t = 0;
    for (int i = 0; i < x.length; i++) {
      t += 4 * x[i] * x[i] * x[i] * xDot[i];
    }
    return Dual.of(quartic(x), t);
  }

  /** Through the rule, to order 3: Σ xᵢ⁴ times x₀. */
  @Differentiable(order = 3)
  static double quarticTimesFirst(double[] x) {
    return quartic(x) * x[0];
  }

  /**
   * x₀x₁ with a rule whose tangent, differentiated as written, has no symmetric Hessian: T = (2x₁,
   * 3x₀), so ∂²f/∂x₀∂x₁ = ∂₁T₀ = 2 and ∂²f/∂x₁∂x₀ = ∂₀T₁ = 3 (JAX's jacfwd(jacrev(f))).
   */
  @CustomJvp(jvp = "tiltedJvp", order = 2)
  static double tilted(double[] x) {
    return x[0] * x[1];
  }

  static Dual tiltedJvp(double[] x, double[] xDot) {
    return Dual.of(tilted(x), 2 * x[1] * xDot[0] + 3 * x[0] * xDot[1]);
  }

  /** Through the tilted rule in a loop: Σ xᵢ² + tilted(x). */
  @Differentiable(order = 2)
  static double tiltedPlusSquares(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return s + tilted(x);
  }

  /** Σ xᵢ² xᵢ₊₁ over a float array. */
  @Differentiable(order = 2)
  static float floatChain(float[] x) {
    float s = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      s += x[i] * x[i] * x[i + 1];
    }
    return s;
  }

  /** Σ xᵢ³: D³f[u, v, w] = 6 Σ uᵢvᵢwᵢ. */
  @Differentiable(order = 3)
  static double cubes(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v * v;
    }
    return s;
  }

  /** A call of an order-3 function taking an array, from a local array: Σ (2xᵢ)³ + x₀ Σ xᵢ³. */
  @Differentiable(order = 3)
  static double cubesOfDoubled(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 2 * x[i];
    }
    return cubes(y) + x[0] * cubes(x);
  }

  /** A function of a number calling one of an array at order 3: Σ (x·(1, 2))³ = 9x³. */
  @Differentiable(order = 3)
  static double cubesOfScaled(double x) {
    double[] y = new double[2];
    y[0] = x;
    y[1] = 2 * x;
    return cubes(y);
  }

  /** Local arrays in a scalar function at order 3: a = (x, x²), a₀a₁ + sin(a₁) = x³ + sin(x²). */
  @Differentiable(order = 3)
  static double cubeThroughArray(double x) {
    double[] a = new double[2];
    a[0] = x;
    a[1] = x * x;
    return a[0] * a[1] + Math.sin(a[1]);
  }

  /** Arrays.fill and clone at order 2: z = (x, x·x), z₀z₁ = x³. */
  @Differentiable(order = 2)
  static double copies(double x) {
    double[] y = new double[2];
    Arrays.fill(y, x);
    double[] z = y.clone();
    z[1] = z[1] * x;
    return z[0] * z[1];
  }
}

package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.Fwd;

/** Batched functions with array parameters that every lane reads whole: data, never differentiated. */
final class BatchedSharedArrays {
  private BatchedSharedArrays() {}

  /** {@code x freq[0]}: the array passed on to a callee, which is inlined. */
  @Differentiable
  static double first(double x, int[] freq) {
    return x * freq[0];
  }

  /** {@code sum_k weights[k] sin(freq[k] x) cos(k y) + x freq[0]}. */
  @Batched
  @Differentiable
  static double gathered(double x, double y, int[] freq, @NonDiff double[] weights) {
    double s = 0;
    for (int k = 0; k < freq.length; k++) {
      s += weights[k] * Math.sin(freq[k] * x) * Math.cos(k * y);
    }
    return s + first(x, freq);
  }

  /** {@code x^2 weights[n]}: a float array outside wrt, indexed by an int given per lane. */
  @Batched(perLane = "n")
  @Differentiable(wrt = "x")
  static float pickF(float x, float[] weights, int n) {
    return x * x * weights[n];
  }

  /** {@code x^p[0]}, with a rule that the kernels expand. */
  @CustomJvp(jvp = "powJvp")
  static double pow(double x, int[] p) {
    return Math.pow(x, p[0]);
  }

  static Dual powJvp(double x, int[] p, double xDot) {
    return Dual.of(Math.pow(x, p[0]), p[0] * Math.pow(x, p[0] - 1) * xDot);
  }

  @Batched
  @Differentiable
  static double powSin(double x, int[] p) {
    return pow(x, p) * Math.sin(x);
  }

  /** The identity whose backward pass scales the cotangent by {@code p[1]}. */
  @CustomVjp(fwd = "scaleGradientFwd", bwd = "scaleGradientBwd")
  static double scaleGradient(double x, int[] p) {
    return x;
  }

  static Fwd<Double> scaleGradientFwd(double x, int[] p) {
    return Fwd.of(x, x);
  }

  static double scaleGradientBwd(int[] p, Double x, double g) {
    return p[1] * g;
  }

  /** {@code cos(x)}, its gradient scaled by {@code p[1]} by the rule's backward pass. */
  @Batched
  @Differentiable
  static double scaledCos(double x, int[] p) {
    return Math.cos(scaleGradient(x, p));
  }
}

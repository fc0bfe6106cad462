package io.jgrad.runtime;

/**
 * A differentiable function of a vector of {@code double}s, as a first-class value: what the
 * generated {@code ExamplesDerivatives.f()} returns for a function of one {@code double[]} or of
 * three or more {@code double}s (the arguments packed in parameter order). Like {@link DiffFn1}, a
 * {@code @Differentiable} function may take one as a parameter and call {@link #value}
 * ({@code f.value(a, b, c)} or {@code f.value(xs)}); derivatives go through {@link #jvp} and
 * {@link #vjp} by virtual calls.
 *
 * <p>A generated object of a function of {@code n} scalars throws {@link IllegalArgumentException}
 * for a vector of another length. A function that reaches a {@code @CustomVjp} rule has reverse mode
 * only: its {@link #jvp} throws {@link UnsupportedOperationException}.
 */
public interface DiffFnN {
  /** The primal output {@code f(x)}. */
  double value(double... x);

  /** The value and the directional derivative along {@code xDot} ({@code jax.jvp}). */
  Dual jvp(double[] x, double[] xDot);

  /** The value and the pullback from an output cotangent to the gradient, one entry per input ({@code jax.vjp}). */
  Vjp<double[]> vjp(double... x);

  /** The gradient ({@code jax.grad}), through reverse mode. */
  default double[] grad(double... x) {
    return vjp(x).pullback(1.0);
  }

  /**
   * {@code x}, checked to hold the {@code n} values a generated object of {@code function} unpacks.
   *
   * @throws IllegalArgumentException naming the function and both lengths otherwise
   */
  static double[] requireLength(double[] x, int n, String function) {
    if (x == null || x.length != n) {
      throw new IllegalArgumentException(function + " takes " + n + " values, not "
          + (x == null ? "null" : String.valueOf(x.length)));
    }
    return x;
  }
}

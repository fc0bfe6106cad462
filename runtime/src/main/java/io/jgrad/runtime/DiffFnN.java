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
   * The partial derivative {@code ∂f/∂xᵢ} as a differentiable function of the same vector, for
   * second derivatives through this object: a {@code @Differentiable} body may call
   * {@code f.partial(0).value(a, b, c)} and be differentiated again, and the generated code of an
   * order-2 body calling {@code f.value(a, b, c)} calls it. Objects of functions compiled with
   * {@code order = n} (n ≥ 2) have it, and their partials have theirs up to the n-th derivative;
   * others throw {@link UnsupportedOperationException}.
   *
   * @throws IndexOutOfBoundsException for an {@code i} outside the vector
   */
  default DiffFnN partial(int i) {
    throw new UnsupportedOperationException("this function object carries no derivatives of a higher order:"
        + " compile its function with a higher order (order = 2 gives its derivative objects)");
  }

  /**
   * This function as the outer derivative of a second derivative reads its output: itself, or, for
   * a function compiled with {@code order = 2} that has or reaches a {@code @CustomJvp} rule, the
   * function computing the output with each rule's body as written (see
   * {@link DiffFn2#rulePrimal}). Generated second-order code calls it.
   */
  default DiffFnN rulePrimal() {
    return this;
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

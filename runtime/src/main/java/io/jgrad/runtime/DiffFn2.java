package io.jgrad.runtime;

/**
 * A differentiable function of two {@code double}s, as a first-class value: what the generated
 * {@code ExamplesDerivatives.f()} returns for {@code @Differentiable static double f(double x, double y)}.
 * Like {@link DiffFn1}, a {@code @Differentiable} function may take one as a parameter and call
 * {@link #value}; derivatives go through {@link #jvp} and {@link #vjp} by virtual calls.
 *
 * <p>The gradient is a {@link Grad2}, its components in parameter order. A function that reaches a
 * {@code @CustomVjp} rule has reverse mode only: its {@link #jvp} throws
 * {@link UnsupportedOperationException}.
 */
public interface DiffFn2 {
  /** The primal output {@code f(x, y)}. */
  double value(double x, double y);

  /** The value and the directional derivative along {@code (xDot, yDot)} ({@code jax.jvp}). */
  Dual jvp(double x, double y, double xDot, double yDot);

  /** The value and the pullback from an output cotangent to the gradient ({@code jax.vjp}). */
  Vjp<Grad2> vjp(double x, double y);

  /**
   * A function object with a value and no derivatives, for code that only evaluates it, such as the
   * adjoint iteration inside a {@code @CustomVjp} backward pass (the notebook's {@code rev_iter});
   * {@link #jvp} and {@link #vjp} throw {@link UnsupportedOperationException}.
   */
  static DiffFn2 primalOnly(java.util.function.DoubleBinaryOperator value) {
    java.util.Objects.requireNonNull(value, "value");
    return new DiffFn2() {
      @Override
      public double value(double x, double y) {
        return value.applyAsDouble(x, y);
      }

      @Override
      public Dual jvp(double x, double y, double xDot, double yDot) {
        throw new UnsupportedOperationException("a DiffFn2.primalOnly function has no derivatives");
      }

      @Override
      public Vjp<Grad2> vjp(double x, double y) {
        throw new UnsupportedOperationException("a DiffFn2.primalOnly function has no derivatives");
      }
    };
  }

  /** The gradient ({@code jax.grad(f, (0, 1))}), through reverse mode. */
  default Grad2 grad(double x, double y) {
    return vjp(x, y).pullback(1.0);
  }

  /**
   * The partial derivative {@code ∂f/∂x} as a differentiable function of {@code (x, y)}, for second
   * derivatives through this object: a {@code @Differentiable} body (a {@code @CustomVjp} backward
   * pass read at order 2, say) may call {@code f.partialFirst().value(x, y)} and be differentiated
   * again. Objects of functions compiled with {@code order = n} (n ≥ 2) have it, and their
   * derivatives' objects have theirs up to the n-th derivative; others throw
   * {@link UnsupportedOperationException}.
   */
  default DiffFn2 partialFirst() {
    throw new UnsupportedOperationException("this function object carries no derivatives of a higher order:"
        + " compile its function with a higher order (order = 2 gives its derivative objects)");
  }

  /** The partial derivative {@code ∂f/∂y} as a differentiable function of {@code (x, y)}; see {@link #partialFirst}. */
  default DiffFn2 partialSecond() {
    throw new UnsupportedOperationException("this function object carries no derivatives of a higher order:"
        + " compile its function with a higher order (order = 2 gives its derivative objects)");
  }

  /**
   * This function as the outer derivative of a second derivative reads its output: itself, or, for
   * a function compiled with {@code order = 2} that has or reaches a {@code @CustomJvp} rule, the
   * function computing the output with each rule's body as written, whose derivatives differentiate
   * those bodies (JAX traces a rule's body once, so a rule that does not call its function applies
   * at first order only). Generated second-order code calls it.
   */
  default DiffFn2 rulePrimal() {
    return this;
  }
}

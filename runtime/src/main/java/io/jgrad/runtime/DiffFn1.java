package io.jgrad.runtime;

/**
 * A differentiable function of one {@code double}, as a first-class value: what the generated
 * {@code ExamplesDerivatives.f()} returns for {@code @Differentiable static double f(double x)}, to
 * pass to higher-order code (the function value {@code f} itself in JAX).
 *
 * <p>A {@code @Differentiable} function may take a {@code DiffFn1} parameter and call
 * {@link #value}: its derivatives then go through the object by plain virtual calls to
 * {@link #jvp} (forward mode) and {@link #vjp} (reverse mode), never by reflection. The parameter
 * itself is not differentiated (it is a non-differentiable argument, JAX's {@code nondiff_argnums}).
 *
 * <pre>{@code
 * @Differentiable static double cube(double x) { return x * x * x; }
 * @Differentiable static double twice(DiffFn1 f, double x) { return f.value(f.value(x)); }
 *
 * double g = ExamplesDerivatives.twiceGrad(ExamplesDerivatives.cube(), 1.1);   // 9 x^8 at 1.1
 * }</pre>
 *
 * <p>A function that reaches a {@code @CustomVjp} rule has reverse mode only: its {@link #jvp}
 * throws {@link UnsupportedOperationException}, as JAX raises a TypeError for {@code jvp} of a
 * {@code custom_vjp} function.
 */
public interface DiffFn1 {
  /** The primal output {@code f(x)}. */
  double value(double x);

  /** The value and the directional derivative {@code f'(x)·xDot} ({@code jax.jvp}). */
  Dual jvp(double x, double xDot);

  /** The value and the pullback from an output cotangent to the cotangent of {@code x} ({@code jax.vjp}). */
  ScalarVjp vjp(double x);

  /** The derivative {@code f'(x)} ({@code jax.grad}), through reverse mode. */
  default double grad(double x) {
    return vjp(x).pullback(1.0);
  }

  /**
   * The derivative {@code f'} as a differentiable function of its own, for second derivatives through
   * this object ({@code grad(f)} passed on): a {@code @Differentiable} body may call
   * {@code f.derivative().value(x)} and be differentiated again. Objects of functions compiled with
   * {@code order = n} (n ≥ 2) have it, and their derivatives' objects have theirs up to the n-th
   * derivative; others throw {@link UnsupportedOperationException}.
   */
  default DiffFn1 derivative() {
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
  default DiffFn1 rulePrimal() {
    return this;
  }
}

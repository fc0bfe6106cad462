package io.jgrad.runtime;

/**
 * The primal value and the gradient, the result of a generated {@code fValueAndGrad}
 * ({@code jax.value_and_grad}) for a function with several differentiable parameters or an array.
 *
 * @param <G> the gradient: a generated record named after the parameters, or a {@code double[]}
 */
public record ValueAndGrad<G>(double value, G grad) {}

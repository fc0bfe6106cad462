package io.jgrad.runtime;

/**
 * The primal value and the derivative, the result of a generated {@code fValueAndGrad} for a
 * function with one scalar differentiable parameter.
 */
public record ValueAndDerivative(double value, double derivative) {}

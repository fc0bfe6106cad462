package io.jgrad.runtime;

/**
 * The gradient of a {@link DiffFn2}: the cotangents of its first and second parameters (the pair
 * {@code jax.grad(f, (0, 1))} returns).
 */
public record Grad2(double first, double second) {}

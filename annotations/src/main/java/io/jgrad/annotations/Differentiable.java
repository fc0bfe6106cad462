package io.jgrad.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method whose derivatives jgrad generates from its body, the twin of applying
 * {@code jax.jvp}, {@code jax.vjp} and {@code jax.grad} to a plain function.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {
  /** How many times the method may be differentiated: 1 or 2. */
  int order() default 1;

  /** Names of the parameters to differentiate with respect to; empty means every differentiable one. */
  String[] wrt() default {};

  /**
   * Whether reverse mode keeps only checkpoints of a loop that carries state from trip to trip: the
   * state at the start of every ⌈√n⌉-th of its n trips, each stretch between two checkpoints run again
   * and then backwards in the backward sweep (JAX's {@code jax.checkpoint}, Griewank's
   * checkpointing). Memory grows as √n instead of n, for about one more forward pass. A loop whose
   * trips call functions or write arrays keeps every trip's values.
   */
  boolean checkpointLoops() default false;
}

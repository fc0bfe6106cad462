package io.jgrad.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Reverse-mode derivatives of this static method come from a user-written forward pass that saves
 * residuals and a backward pass that maps them and the output cotangent to the gradient, the twin of
 * {@code jax.custom_vjp} with {@code defvjp}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CustomVjp {
  /** Name of the static forward pass: the primal's signature, returning value and residuals. */
  String fwd();

  /**
   * Name of the static backward pass: non-differentiable parameters, residuals, output cotangent. It
   * returns the gradient, where null (the whole gradient, or a record or array at any depth of it) is
   * a zero cotangent, as {@code None} is in JAX.
   */
  String bwd();

  /** How many times the method may be differentiated: 1 or 2. */
  int order() default 1;

  /** Names of the parameters to differentiate with respect to; empty means every differentiable one. */
  String[] wrt() default {};
}

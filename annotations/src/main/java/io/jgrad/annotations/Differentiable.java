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
}

package io.jgrad.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Derivatives of this static method come from a user-written forward-mode rule, the twin of
 * {@code jax.custom_jvp} with {@code defjvp} (one rule) or {@code defjvps} (one rule per parameter).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CustomJvp {
  /** Name of a static method in the same class taking the primal's parameters then one tangent each. */
  String jvp() default "";

  /** One rule name per differentiable parameter, contributions summed; {@code ""} means zero. */
  String[] jvps() default {};

  /** How many times the method may be differentiated: 1 or 2. */
  int order() default 1;

  /** Names of the parameters to differentiate with respect to; empty means every differentiable one. */
  String[] wrt() default {};
}

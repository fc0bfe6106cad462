package io.jgrad.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Also generate batched kernels of this method (the twin of {@code vmap}) for CPU threads or OpenCL. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Batched {
  /**
   * The non-differentiated parameters ({@code int}, {@code long}, {@code boolean}, {@code @NonDiff} or
   * outside {@code wrt}) that the kernels take one value per lane, as an array (JAX's {@code in_axes});
   * the others are shared by all lanes. Differentiated parameters are always per lane.
   */
  String[] perLane() default {};

  /**
   * The length of every differentiated row (a {@code double[]} or {@code float[]} parameter, given
   * per lane) of a function that reaches a {@code @CustomVjp} rule, usually a {@code static final int}:
   * the lane holds its cotangent row as a private array of that size. 0 (the default) for none; the
   * entry points reject rows of another length.
   */
  int rowLength() default 0;

  /**
   * The length of this differentiated row (a {@code double[]} or {@code float[]} parameter of a
   * {@code @Batched} function that reaches a {@code @CustomVjp} rule), where rows differ in length;
   * it wins over {@link Batched#rowLength()}. The entry points reject rows of another length.
   */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.PARAMETER)
  @interface RowLength {
    /** The row's length, at least 1, usually a {@code static final int}. */
    int value();
  }
}

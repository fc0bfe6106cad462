package io.jgrad.processor.rules;

import io.jgrad.processor.ir.Expr;

/**
 * The partial derivative of a primitive with respect to one argument, as it multiplies that
 * argument's tangent: {@code ±tangent}, {@code ±factor·tangent} or {@code ±tangent / factor}.
 */
public record Partial(Expr factor, boolean divide, boolean negate) {
  /** The identity: the tangent passes through. */
  public static final Partial ONE = new Partial(null, false, false);

  /** Minus the tangent. */
  public static final Partial MINUS_ONE = new Partial(null, false, true);

  /** {@code factor · tangent}. */
  public static Partial times(Expr factor) {
    return new Partial(factor, false, false);
  }

  /** {@code -factor · tangent}. */
  public static Partial minusTimes(Expr factor) {
    return new Partial(factor, false, true);
  }

  /** {@code tangent / divisor}. */
  public static Partial over(Expr divisor) {
    return new Partial(divisor, true, false);
  }

  /** {@code -tangent / divisor}. */
  public static Partial minusOver(Expr divisor) {
    return new Partial(divisor, true, true);
  }
}

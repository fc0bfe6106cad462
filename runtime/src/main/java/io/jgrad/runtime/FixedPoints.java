package io.jgrad.runtime;

import java.util.function.DoubleUnaryOperator;

/**
 * Implicit differentiation of fixed points without writing rules (the idea of JAX's
 * {@code custom_root}, for the notebook's {@code fixed_point}): the solution {@code x*(a)} of
 * {@code x = f(a, x)} as a {@link DiffFn1} in {@code a}, whose derivative comes from the implicit
 * function theorem, {@code x*'(a) = B / (1 - A)} with {@code A = ∂f/∂x}, {@code B = ∂f/∂a} at the
 * solution, never from differentiating the iterations. Pass it to {@code @Differentiable} code like
 * any generated function object.
 */
public final class FixedPoints {
  /** The notebook's tolerance: iteration stops when two iterates differ by at most this. */
  public static final double DEFAULT_TOLERANCE = 1e-6;
  /** Iterations before giving up on a map that does not converge. */
  public static final int MAX_ITERATIONS = 10_000;

  private FixedPoints() {}

  /**
   * Iterates {@code x ← f(x)} from {@code x0} until two iterates differ by at most {@code tolerance}
   * (the notebook's {@code while_loop}); throws {@link ArithmeticException} when an iterate is not finite
   * or after {@link #MAX_ITERATIONS}, naming the last iterate (where the notebook's loop would stop on
   * NaN and return it).
   */
  public static double iterate(DoubleUnaryOperator f, double x0, double tolerance) {
    double previous = x0;
    double x = f.applyAsDouble(x0);
    for (int i = 0; !Double.isFinite(x) || Math.abs(previous - x) > tolerance; i++) {
      if (i >= MAX_ITERATIONS || !Double.isFinite(x)) {
        throw new ArithmeticException("no fixed point: iterate " + i + " is " + x + " (from " + x0 + ")");
      }
      previous = x;
      x = f.applyAsDouble(x);
    }
    return x;
  }

  /**
   * The solution {@code a ↦ x*(a)} of {@code x = f(a, x)}, iterated from {@code guess(a)} to
   * {@link #DEFAULT_TOLERANCE}; its {@code jvp} and {@code vjp} use one {@code vjp} of {@code f} at
   * the solution.
   */
  public static DiffFn1 solution(DiffFn2 f, DoubleUnaryOperator guess) {
    return solution(f, guess, DEFAULT_TOLERANCE);
  }

  /** {@link #solution(DiffFn2, DoubleUnaryOperator)} with another stopping tolerance. */
  public static DiffFn1 solution(DiffFn2 f, DoubleUnaryOperator guess, double tolerance) {
    if (f == null || guess == null) {
      throw new IllegalArgumentException((f == null ? "f" : "guess") + " is null");
    }
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be positive and finite, was " + tolerance);
    }
    return new DiffFn1() {
      @Override
      public double value(double a) {
        return iterate(x -> f.value(a, x), guess.applyAsDouble(a), tolerance);
      }

      /** x*'(a) = B / (1 - A): the linearized equation solved at the solution. */
      private double derivative(double a, double xStar) {
        Grad2 partials = f.vjp(a, xStar).pullback(1.0);
        return partials.first() / (1 - partials.second());
      }

      @Override
      public Dual jvp(double a, double aDot) {
        double xStar = value(a);
        return Dual.of(xStar, derivative(a, xStar) * aDot);
      }

      @Override
      public ScalarVjp vjp(double a) {
        double xStar = value(a);
        double d = derivative(a, xStar);
        return new ScalarVjp(xStar, xBar -> xBar * d);
      }
    };
  }
}

package io.jgrad.runtime;

import io.jgrad.runtime.internal.Accumulate;
import java.util.Arrays;
import java.util.Random;

/**
 * Checks the derivatives of any function against central finite differences and checks that its
 * reverse mode is the transpose of its forward mode (⟨J·t, c⟩ = ⟨t, Jᵀ·c⟩): jgrad's twin of JAX's
 * {@code check_grads} and PyTorch's {@code gradcheck}. It sees the function through a flat view
 * over {@code double[]}, which any generated function adapts to in a line.
 */
public final class GradCheck {
  /** The function's value at a point. */
  @FunctionalInterface
  public interface Value {
    double at(double[] x);
  }

  /** Forward mode: the directional derivative at {@code x} along {@code tangent}. */
  @FunctionalInterface
  public interface Jvp {
    double at(double[] x, double[] tangent);
  }

  /** Reverse mode: the gradient at {@code x} scaled by the output cotangent. */
  @FunctionalInterface
  public interface Vjp {
    double[] at(double[] x, double outBar);
  }

  /** What a check found: the worst relative errors and a description of the worst mismatch. */
  public record Result(double finiteDifferenceError, double transposeError, double reverseForwardError,
      double tolerance, String worst) {
    /** Whether every error is within the tolerance. */
    public boolean passed() {
      return finiteDifferenceError <= tolerance && transposeError <= tolerance
          && reverseForwardError <= tolerance;
    }

    /** Throws an {@link AssertionError} describing the worst mismatch unless the check passed. */
    public void assertValid() {
      if (!passed()) {
        throw new AssertionError("gradient check failed: " + worst);
      }
    }
  }

  private final Value value;
  private final Jvp jvp;
  private final Vjp vjp;
  /** How many values a point holds, where the function object says (DiffFn1, DiffFn2); 0 when unknown. */
  private int dimension;
  /** What takes {@link #dimension} values, for messages. */
  private String takenBy = "the function";
  private double tolerance = 1e-6;
  private double step = 1e-6;
  private int directions = 8;
  private long seed = 1;

  private GradCheck(Value value, Jvp jvp, Vjp vjp) {
    this.value = value;
    this.jvp = jvp;
    this.vjp = vjp;
  }

  /**
   * A check of {@code value} with its forward mode {@code jvp} and reverse mode {@code vjp}.
   *
   * @throws IllegalArgumentException naming the argument that is null
   */
  public static GradCheck of(Value value, Jvp jvp, Vjp vjp) {
    return new GradCheck(nonNull(value, "value"), nonNull(jvp, "jvp"), nonNull(vjp, "vjp"));
  }

  /**
   * A check of a function object ({@code ExamplesDerivatives.f()}), through its own
   * {@code value}, {@code jvp} and {@code vjp}.
   *
   * @throws IllegalArgumentException when {@code f} is null
   */
  public static GradCheck of(DiffFn1 f) {
    nonNull(f, "f");
    return of(x -> f.value(x[0]), (x, t) -> f.jvp(x[0], t[0]).tangent(),
        (x, c) -> new double[] {f.vjp(x[0]).pullback(c)}).takes(1, "a DiffFn1");
  }

  /**
   * A check of a two-parameter function object, through its own {@code value}, {@code jvp} and
   * {@code vjp}.
   *
   * @throws IllegalArgumentException when {@code f} is null
   */
  public static GradCheck of(DiffFn2 f) {
    nonNull(f, "f");
    return of(x -> f.value(x[0], x[1]), (x, t) -> f.jvp(x[0], x[1], t[0], t[1]).tangent(), (x, c) -> {
      Grad2 g = f.vjp(x[0], x[1]).pullback(c);
      return new double[] {g.first(), g.second()};
    }).takes(2, "a DiffFn2");
  }

  /**
   * A check of a vector function object, through its own {@code value}, {@code jvp} and {@code vjp}.
   *
   * @throws IllegalArgumentException when {@code f} is null
   */
  public static GradCheck of(DiffFnN f) {
    nonNull(f, "f");
    return of(f::value, (x, t) -> f.jvp(x, t).tangent(), (x, c) -> f.vjp(x).pullback(c));
  }

  private GradCheck takes(int dimension, String takenBy) {
    this.dimension = dimension;
    this.takenBy = takenBy;
    return this;
  }

  private static String values(int n) {
    return n == 1 ? "1 value" : n + " values";
  }

  private static <T> T nonNull(T argument, String name) {
    if (argument == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return argument;
  }

  /**
   * The relative tolerance (default 1e-6): errors are divided by {@code 1 + |expected|}. It must be
   * finite: a NaN derivative counts as an infinite error, which an infinite tolerance would pass.
   */
  public GradCheck tolerance(double tolerance) {
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be positive and finite, was " + tolerance);
    }
    this.tolerance = tolerance;
    return this;
  }

  /** The finite-difference step (default 1e-6), positive and finite. */
  public GradCheck step(double step) {
    if (!(step > 0) || Double.isInfinite(step)) {
      throw new IllegalArgumentException("step must be positive and finite, was " + step);
    }
    this.step = step;
    return this;
  }

  /** How many random directions to try besides the basis vectors (default 8), from a fixed seed. */
  public GradCheck randomDirections(int count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, was " + count);
    }
    this.directions = count;
    this.seed = seed;
    return this;
  }

  /** Runs every check at {@code point} and throws an {@link AssertionError} unless all pass. */
  public Result assertValidAt(double... point) {
    Result result = at(point);
    result.assertValid();
    return result;
  }

  /**
   * Runs every check at {@code point}: forward mode against central finite differences along each
   * basis vector and the random directions, ⟨J·t, c⟩ = ⟨t, Jᵀ·c⟩ for each, and each reverse-mode
   * gradient component against the forward-mode derivative along its basis vector.
   *
   * @throws IllegalArgumentException if {@code point} is null, empty, not finite, or of another length
   *     than the function object takes (or one the function reads past), or if {@code vjp} returns a
   *     gradient whose length is not the point's
   */
  public Result at(double... point) {
    if (point == null) {
      throw new IllegalArgumentException("point must not be null");
    }
    if (point.length == 0) {
      throw new IllegalArgumentException("point is empty: give one value per variable "
          + (dimension > 0 ? "(" + takenBy + " takes " + dimension + ")" : "the function takes"));
    }
    if (dimension > 0 && point.length != dimension) {
      throw new IllegalArgumentException("point has " + values(point.length) + " but " + takenBy + " takes "
          + dimension);
    }
    for (int i = 0; i < point.length; i++) {
      if (!Double.isFinite(point[i])) {
        throw new IllegalArgumentException("point[" + i + "] must be finite, was " + point[i]);
      }
    }
    try {
      return check(point);
    } catch (ArrayIndexOutOfBoundsException e) {
      // the lambdas of of(value, jvp, vjp) unpack the point by index: a short point fails there
      throw new IllegalArgumentException("the function read past a point of " + values(point.length) + " ("
          + e.getMessage() + "); hint: give the point one value per variable the function takes", e);
    }
  }

  private Result check(double[] point) {
    int n = point.length;
    Random random = new Random(seed);
    double[] grad = pull(point, 1.0);
    double fdError = 0;
    double transposeError = 0;
    double reverseForwardError = 0;
    String worst = "none";
    double worstRatio = 0;
    for (int d = 0; d < n + directions; d++) {
      double[] t = new double[n];
      if (d < n) {
        t[d] = 1;
      } else {
        for (int i = 0; i < n; i++) {
          t[i] = random.nextGaussian();
        }
      }
      double forward = jvp.at(point.clone(), t.clone());
      double fd = (value.at(shift(point, t, step)) - value.at(shift(point, t, -step))) / (2 * step);
      double e1 = Math.abs(forward - fd) / (1 + Math.abs(fd));
      if (e1 > fdError || Double.isNaN(e1)) {
        fdError = Double.isNaN(e1) ? Double.POSITIVE_INFINITY : e1;
      }
      if (e1 / tolerance > worstRatio || Double.isNaN(e1)) {
        worstRatio = Double.isNaN(e1) ? Double.POSITIVE_INFINITY : e1 / tolerance;
        worst = "forward mode along " + Arrays.toString(t) + " gave " + forward
            + " but central finite differences give " + fd;
      }
      double c = d < n ? 1.0 : random.nextGaussian();
      double[] back = pull(point, c);
      double lhs = forward * c;
      double rhs = Accumulate.dot(t, back); // pull gave back t's length
      double e2 = Math.abs(lhs - rhs) / (1 + Math.abs(lhs));
      if (e2 > transposeError || Double.isNaN(e2)) {
        transposeError = Double.isNaN(e2) ? Double.POSITIVE_INFINITY : e2;
      }
      if (e2 / tolerance > worstRatio || Double.isNaN(e2)) {
        worstRatio = Double.isNaN(e2) ? Double.POSITIVE_INFINITY : e2 / tolerance;
        worst = "reverse mode is not the transpose of forward mode: <J t, c> = " + lhs
            + " but <t, J^T c> = " + rhs + " for t = " + Arrays.toString(t) + ", c = " + c;
      }
      if (d < n) {
        double e3 = Math.abs(grad[d] - forward) / (1 + Math.abs(forward));
        if (e3 > reverseForwardError || Double.isNaN(e3)) {
          reverseForwardError = Double.isNaN(e3) ? Double.POSITIVE_INFINITY : e3;
        }
        if (e3 / tolerance > worstRatio || Double.isNaN(e3)) {
          worstRatio = Double.isNaN(e3) ? Double.POSITIVE_INFINITY : e3 / tolerance;
          worst = "gradient component " + d + " is " + grad[d] + " in reverse mode but " + forward
              + " in forward mode";
        }
      }
    }
    return new Result(fdError, transposeError, reverseForwardError, tolerance, worst);
  }

  private double[] pull(double[] point, double outBar) {
    double[] grad = vjp.at(point.clone(), outBar);
    if (grad == null || grad.length != point.length) {
      throw new IllegalArgumentException("vjp returned " + (grad == null ? "null" : grad.length + " components")
          + " for a point of " + point.length);
    }
    return grad;
  }

  private static double[] shift(double[] x, double[] t, double h) {
    double[] out = x.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += h * t[i];
    }
    return out;
  }
}

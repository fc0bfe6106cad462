package io.jgrad.runtime.internal;

import io.jgrad.runtime.Jvp;

/**
 * Run-time checks generated code makes around the user's custom rules: an array that a rule receives
 * or returns must have the length of the primal it stands for. A mismatch is an
 * {@code IllegalArgumentException} naming the rule and the parameter, not an index error deep in a
 * sweep or a gradient read in part (JAX reports such shape mismatches when it traces the rule).
 */
public final class RuleChecks {
  private RuleChecks() {}

  /**
   * The tangent {@code tangent} of parameter {@code param} passed to the JVP rule {@code rule}.
   *
   * @throws IllegalArgumentException if it is null or of another length than {@code primal}
   */
  public static void tangent(double[] primal, double[] tangent, String rule, String param) {
    if (primal != null) {
      check(primal.length, tangent == null ? -1 : tangent.length, "the tangent of " + param + " passed to the rule "
          + rule, param);
    }
  }

  /** As {@link #tangent(double[], double[], String, String)}, for {@code float[]}. */
  public static void tangent(float[] primal, float[] tangent, String rule, String param) {
    if (primal != null) {
      check(primal.length, tangent == null ? -1 : tangent.length, "the tangent of " + param + " passed to the rule "
          + rule, param);
    }
  }

  /**
   * The gradient component {@code gradient} for parameter {@code param} that the backward pass
   * {@code rule} returned, where null is a zero gradient (JAX's {@code None}): zeros of the primal's
   * length, so that neither the caller's gradient nor the user receives a null that stands for zero.
   *
   * @throws IllegalArgumentException if it is of another length than {@code primal}
   */
  public static double[] gradient(double[] gradient, double[] primal, String rule, String param) {
    if (primal == null) {
      return gradient; // no length to check against, nor to give zeros
    }
    if (gradient == null) {
      return new double[primal.length];
    }
    check(primal.length, gradient.length, "the gradient the backward pass " + rule + " returned for " + param, param);
    return gradient;
  }

  /** As {@link #gradient(double[], double[], String, String)}, for {@code float[]}. */
  public static float[] gradient(float[] gradient, float[] primal, String rule, String param) {
    if (primal == null) {
      return gradient; // no length to check against, nor to give zeros
    }
    if (gradient == null) {
      return new float[primal.length];
    }
    check(primal.length, gradient.length, "the gradient the backward pass " + rule + " returned for " + param, param);
    return gradient;
  }

  /**
   * What a JVP rule returned.
   *
   * @throws IllegalArgumentException naming the rule if it returned null, or a record pair with a null side
   */
  public static <T> T result(T result, String rule) {
    if (result == null) {
      throw new IllegalArgumentException("the rule " + rule + " returned null instead of the value and its tangent");
    }
    if (result instanceof Jvp<?> jvp && (jvp.value() == null || jvp.tangent() == null)) {
      throw new IllegalArgumentException("the rule " + rule + " returned a Jvp with a null "
          + (jvp.value() == null ? "value" : "tangent"));
    }
    return result;
  }

  private static void check(int primalLength, int length, String what, String param) {
    if (length < 0) {
      throw new IllegalArgumentException(what + " is null");
    }
    if (length != primalLength) {
      throw new IllegalArgumentException(what + " has " + length + " components but " + param + " has "
          + primalLength);
    }
  }
}

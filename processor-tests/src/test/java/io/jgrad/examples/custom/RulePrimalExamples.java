package io.jgrad.examples.custom;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.DiffFn1;
import io.jgrad.runtime.DiffFn2;
import io.jgrad.runtime.Dual;

/**
 * Order 2 through {@code @CustomJvp} rules whose tangent (2·cos x) is not the derivative of their
 * value (sin x), so that the two semantics give different numbers: a rule that computes its primal
 * output itself is applied at first order only (the outer derivative differentiates {@code Math.sin}
 * as written), one that calls its function is applied at every order.
 */
final class RulePrimalExamples {
  private RulePrimalExamples() {}

  /** Its rule recomputes sin(x) instead of calling skips ([jgrad.RuleSkipsPrimal]). */
  @CustomJvp(jvp = "skipsJvp", order = 2)
  static double skips(double x) {
    return Math.sin(x);
  }

  static Dual skipsJvp(double x, double xDot) {
    return Dual.of(Math.sin(x), 2 * Math.cos(x) * xDot);
  }

  /** The same rule, its primal output from calls(x): the rule gives calls' derivative at every order. */
  @CustomJvp(jvp = "callsJvp", order = 2)
  static double calls(double x) {
    return Math.sin(x);
  }

  static Dual callsJvp(double x, double xDot) {
    return Dual.of(calls(x), 2 * Math.cos(x) * xDot);
  }

  /** The example: gHessian must be the derivative of gGrad. */
  @Differentiable(order = 2)
  static double skipsTwice(double x) {
    return skips(skips(x));
  }

  @Differentiable(order = 2)
  static double callsTwice(double x) {
    return calls(calls(x));
  }

  /** Two parameters: the whole Hessian matrix and fHvp read the rule's value through a product. */
  @Differentiable(order = 2)
  static double skipsMixed(double x, double y) {
    return skips(x * y) * skips(y) + x;
  }

  /** A caller of a caller: its second derivatives go through skipsTwice's own. */
  @Differentiable(order = 2)
  static double skipsOuter(double x) {
    return skipsTwice(x) * x;
  }

  /** A rule with a branch and locals that carry tangents: its primal part keeps the primal statements only. */
  @CustomJvp(jvp = "branchyJvp", order = 2)
  static double branchy(double x) {
    return x > 0 ? Math.exp(x) : x * x;
  }

  static Dual branchyJvp(double x, double xDot) {
    if (x > 0) {
      double e = Math.exp(x);
      double t = 3 * e * xDot;
      return Dual.of(e, t);
    }
    double t = 5 * x * xDot;
    double square = x * x;
    return Dual.of(square, t);
  }

  @Differentiable(order = 2)
  static double branchyCaller(double x) {
    return branchy(x) * branchy(2 * x);
  }

  /** Reaches a @CustomVjp rule: second derivatives are reverse over reverse, through skips' value. */
  @Differentiable(order = 2)
  static double skipsThroughVjp(double x) {
    return ReverseOverReverseExamples.sinRule(skips(x)) * skips(x);
  }

  /** Higher-order code: an object of skips carries its rule's value through rulePrimal(). */
  @Differentiable(order = 2)
  static double twiceThrough(DiffFn1 f, double x) {
    return f.value(f.value(x));
  }

  /** A DiffFn2, such as skipsMixed's object, along a line; squared, so that its value's derivative counts. */
  @Differentiable(order = 2)
  static double alongLine(DiffFn2 g, double x) {
    double v = g.value(x, 2 * x);
    return v * v;
  }

  /** Reverse over reverse through an object. */
  @Differentiable(order = 2)
  static double throughVjpAndObject(DiffFn1 f, double x) {
    return ReverseOverReverseExamples.sinRule(f.value(x)) * f.value(x);
  }
}

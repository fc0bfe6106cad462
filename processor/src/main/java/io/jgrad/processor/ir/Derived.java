package io.jgrad.processor.ir;

import java.util.List;

/**
 * What the transforms derived from one function, for the printer to write out: the linearized
 * program of {@code fJvp}, the placed sweeps of {@code fVjp} and {@code fGrad}, and at order 2 the
 * programs and functions its second derivatives are made of. The printer differentiates nothing.
 *
 * @param function the function itself; a rule is printed as calls of the user's rule methods
 * @param forward whether it has forward mode ({@code fJvp}, forward function objects)
 * @param order its declared order
 * @param internal a function only generated code calls (a pullback or tangent function): no function
 *     object, and {@code fGrad} calls {@code fVjp}
 * @param jvp the linearized body of {@code fJvp}, or null where a rule gives forward mode
 * @param vjp the sweeps of {@code fVjp}, placed for its pullback closure, or null for a {@code @CustomVjp}
 * @param valueAndGrad the same sweeps placed for one method, {@code fValueAndGrad}'s
 * @param grad {@code fGrad}'s: {@code valueAndGrad} without what only the value needed
 * @param higherOrders orders 2 to n by forward over forward: the kernel of order k differentiates the
 *     tangent program of order k - 1 (empty without them)
 * @param pullbacks order 2 by reverse over reverse: one function per differentiated parameter, each
 *     with its own derivatives (empty where there are none)
 * @param tangents the derivatives of {@code fTangent}, {@code fTangent2}, ... (tangent function k at
 *     index k - 1), through which callers' pullback functions and the reverse mode of callers of
 *     derivative calls are differentiated; empty where there are none
 */
public record Derived(Function function, boolean forward, int order, boolean internal, Forward jvp,
    Reverse vjp, Reverse valueAndGrad, Reverse grad, List<ForwardOverForward> higherOrders, List<Derived> pullbacks,
    List<Derived> tangents) {

  /** A linearized program with the names it was made with (the printer numbers temporaries from them). */
  public record Forward(Linearized linearized, Names names) {}

  /**
   * uᵀ·H·v as forward mode over the tangent program: {@code kernel} takes the primals and the first
   * tangents, held constant, and differentiates along second ones; at order k, Dᵏf(p)[v1, ..., vk]
   * with the k - 1 earlier tangents held constant.
   */
  public record ForwardOverForward(Callee kernel, Forward program) {}

  /** The kernel of order 2, uᵀ·H·v, or null without forward over forward. */
  public ForwardOverForward secondOrder() {
    return higherOrders.isEmpty() ? null : higherOrders.get(0);
  }

  public Callee signature() {
    return function.signature();
  }
}

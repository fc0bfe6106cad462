package io.jgrad.processor.ir;

import java.util.List;
import java.util.Set;

/**
 * The IR of one differentiable function: its signature as a {@link Callee} and the body its
 * derivatives come from: its own, or, for a {@code @CustomJvp} function, its rule's.
 */
public record Function(Callee signature, List<Stmt> body, CustomRule rule, VjpRule vjpRule) {
  /** A function whose derivatives come from its own body. */
  public Function(Callee signature, List<Stmt> body) {
    this(signature, body, null, null);
  }

  /** A function whose derivatives come from a custom JVP rule. */
  public Function(Callee signature, List<Stmt> body, CustomRule rule) {
    this(signature, body, rule, null);
  }

  /**
   * The user's reverse-mode rule ({@code @CustomVjp}): its class, its forward and backward passes,
   * and, for order 2, its pullback as differentiable functions (one per differentiated parameter),
   * built from the passes' bodies; empty at order 1.
   */
  public record VjpRule(String owner, String fwd, String bwd, List<Function> pullbacks) {
    /** A rule used at first order only: its passes are called, never read. */
    public VjpRule(String owner, String fwd, String bwd) {
      this(owner, fwd, bwd, List.of());
    }
  }

  /**
   * The user's forward-mode rule: where it lives, the names of its tangent parameters (one per
   * differentiated parameter, in order) and the locals that depend on them; or, for {@code jvps},
   * one rule name per differentiated parameter ({@code null} for zero) and {@code name} null.
   */
  public record CustomRule(String owner, String name, List<String> tangentNames, Set<String> linear,
      List<String> perParameter) {}
}

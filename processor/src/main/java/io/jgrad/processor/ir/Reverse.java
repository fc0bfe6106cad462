package io.jgrad.processor.ir;

import java.util.List;

/**
 * Reverse mode as IR: the forward sweep, the backward sweep from the output's cotangent
 * {@code outBar}, the value returned and the locals holding the gradient, one per differentiated
 * parameter; {@code usesTape} once residual placement has put a value on the tape.
 */
public record Reverse(List<Stmt> forward, List<Stmt> backward, Expr value, List<Expr.Var> gradient,
    boolean usesTape) {

  /** The output's cotangent, as the backward sweep reads it. */
  public static final String SEED = "outBar";
}

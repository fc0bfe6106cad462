package io.jgrad.processor.ir;

import java.util.List;

/**
 * The forward and backward passes of a {@code @CustomVjp} rule read as code: {@code fwd} returns
 * the value and leaves its residuals in {@code residuals}; {@code bwd.get(i)} returns component i of
 * the gradient.
 */
public record VjpPasses(Pass fwd, List<Expr.Var> residuals, List<Pass> bwd) {

  /** A pass of the rule as IR: its parameters as its body names them, and its body. */
  public record Pass(String name, List<Callee.Param> params, List<Stmt> body) {
    /** The pass as a function returning {@code result}, to splice into a pullback function. */
    public Function as(Type result) {
      return new Function.Plain(new Callee("", "", name, params, result, true, 1), body);
    }
  }
}

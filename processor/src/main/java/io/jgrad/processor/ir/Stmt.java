package io.jgrad.processor.ir;

import java.util.List;

/** An IR statement: structured control flow over assignments, as in the source. */
public sealed interface Stmt {
  /** {@code [type] target = value;} where {@code declare} says whether this declares the local. */
  record Assign(Expr.Var target, Expr value, boolean declare) implements Stmt {}

  /** {@code array[index] = value;} into a local array created by the function. */
  record ArrayWrite(Expr.Var array, Expr index, Expr value) implements Stmt {}

  /** A local declared without a value, definitely assigned later in every branch. */
  record Declare(Expr.Var target) implements Stmt {}

  /** {@code if (condition) thenBody else elseBody}. */
  record If(Expr condition, List<Stmt> thenBody, List<Stmt> elseBody) implements Stmt {}

  /** {@code while (condition) body}; {@code for} loops arrive here as init, while, update. */
  record While(Expr condition, List<Stmt> body) implements Stmt {}

  /** A nested block that scopes its locals. */
  record Block(List<Stmt> body) implements Stmt {}

  /** A call kept only for its side effect (printing, logging), in program order. */
  record Effect(Expr.PrimalCall call) implements Stmt {}

  /** {@code return value;} */
  record Return(Expr value) implements Stmt {}
}

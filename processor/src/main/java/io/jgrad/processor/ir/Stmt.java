package io.jgrad.processor.ir;

import java.util.List;

/**
 * An IR statement: structured control flow over assignments, as in the source, and the operations
 * reverse mode adds (residuals kept for the backward sweep, the tape, cotangent accumulation and
 * callees' pullbacks).
 */
public sealed interface Stmt {
  /** {@code [type] target = value;} where {@code declare} says whether this declares the local. */
  record Assign(Expr.Var target, Expr value, boolean declare) implements Stmt {}

  /** {@code counter = counter + by} (or {@code - |by|}): an int counter moved up or down. */
  static Stmt increment(Expr.Var counter, int by) {
    return new Assign(counter, Exprs.plus(counter, by), false);
  }

  /** {@code array[index] = value;} into a local array created by the function. */
  record ArrayWrite(Expr.Var array, Expr index, Expr value) implements Stmt {}

  /**
   * A local declared without a value, definitely assigned later in every branch; {@code javaType} names
   * the type of a reference local other than a String (an enum leaf of a record result), else null.
   */
  record Declare(Expr.Var target, String javaType) implements Stmt {
    public Declare(Expr.Var target) {
      this(target, null);
    }
  }

  /** {@code if (condition) thenBody else elseBody}. */
  record If(Expr condition, List<Stmt> thenBody, List<Stmt> elseBody) implements Stmt {}

  /** {@code while (condition) body}; {@code for} loops arrive here as init, while, update. */
  record While(Expr condition, List<Stmt> body) implements Stmt {}

  /** A nested block that scopes its locals. */
  record Block(List<Stmt> body) implements Stmt {}

  /** A call kept only for its side effect (printing, logging), in program order. */
  record Effect(Expr.PrimalCall call) implements Stmt {}

  /**
   * {@code record = call; leaves[i] = record's leaf i}: one call of a function with a record result
   * ({@code call}'s callee returns the whole record), each leaf declared as a local of its own.
   */
  record CallRecord(Expr.Var record, List<Expr.Var> leaves, Expr.Call call) implements Stmt {}

  /** {@code return value;} */
  record Return(Expr value) implements Stmt {}

  /**
   * Keeps {@code value} at this point of the forward sweep for the backward sweep, which reads it as
   * {@code residual} after the matching {@link Restore}; residual placement decides how (the value
   * read again, a final local, or the tape). A placed program keeps a {@code Save} only as a final
   * local.
   */
  record Save(Expr.Var residual, Expr value) implements Stmt {}

  /** Where the backward sweep takes back the residual its {@link Save} kept (last saved, first restored). */
  record Restore(Expr.Var residual) implements Stmt {}

  /** The tape of a forward sweep, and the reader its backward sweep reads it with. */
  String TAPE = "tape";
  String READER = "reader";

  /** Pushes a number, a flag or a pullback onto {@code tape}, as a value of {@code type}. */
  record Push(Expr value, Type type, String tape) implements Stmt {
    public Push(Expr value, Type type) {
      this(value, type, TAPE);
    }
  }

  /**
   * Declares {@code target} with the value on top of the tape, read by {@code reader} (the
   * sweep's reader, or a tape used as a stack); {@code pullbackOf} names the callee when the value
   * is that callee's pullback, else null.
   */
  record Pop(Expr.Var target, Callee pullbackOf, String reader) implements Stmt {
    public Pop(Expr.Var target, Callee pullbackOf) {
      this(target, pullbackOf, READER);
    }
  }

  /** {@code Tape name = new Tape();}: a tape a backward loop uses as a stack within each trip. */
  record NewTape(String name) implements Stmt {}

  /**
   * {@code for (int counter = from; counter >= downTo; counter--) body}: a loop run backwards, over
   * its trips (from the trip count down to 1) or over a counted loop's own counter.
   */
  record Repeat(Expr.Var counter, Expr from, Expr downTo, List<Stmt> body) implements Stmt {
    /** A loop run {@code times} times, {@code counter} going from {@code times} down to 1. */
    public static Repeat times(Expr.Var counter, Expr times, List<Stmt> body) {
      return new Repeat(counter, times, Exprs.lit(Type.INT, 1), body);
    }

    /** Whether the loop runs again: {@code counter > 0} when it counts trips, else {@code counter >= downTo}. */
    public Expr condition() {
      return downTo.equals(Exprs.lit(Type.INT, 1)) ? Exprs.compare(Expr.BinaryOp.GT, counter, Exprs.lit(Type.INT, 0))
          : Exprs.compare(Expr.BinaryOp.GE, counter, downTo);
    }
  }

  /**
   * {@code target += value} ({@code -=} when {@code subtract}), or {@code target[index] += value}: a
   * cotangent gathers a contribution; an array {@code target} without index adds element by element.
   */
  record Accumulate(Expr.Var target, Expr index, Expr value, boolean subtract) implements Stmt {}

  /**
   * {@code result = callee(args)} in the forward sweep of reverse mode, keeping the callee's pullback
   * in {@code pullback}; {@code declare} says whether this declares the results: the one result, or
   * one local per leaf of a record result.
   */
  record Linearize(Expr.Var pullback, List<Expr.Var> results, boolean declare, Callee callee, List<Expr> args)
      implements Stmt {
    /** The result of a callee with one. */
    public Expr.Var result() {
      return results.get(0);
    }
  }

  /**
   * {@code argCotangents[k] += pullback(cotangent)[k]} through the callee's gradient, held in
   * {@code gradient}; an argument whose cotangent is null takes nothing. A record result's cotangent
   * is one per leaf, null where a leaf has none.
   */
  record PullBack(Expr.Var pullback, Expr.Var gradient, Callee callee, List<Expr.Var> cotangents,
      List<Expr.Var> argCotangents) implements Stmt {
    /** The cotangent of a callee's one result. */
    public Expr.Var cotangent() {
      return cotangents.get(0);
    }
  }

  /** Fails at run time, naming {@code tangent}, when its length differs from {@code primal}'s. */
  record CheckLength(Expr primal, Expr.Var tangent) implements Stmt {}
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.ResultCalls;
import io.jgrad.processor.ir.Stmt;

/**
 * How {@link ResultInlining} inlines ({@link CallInliner}'s policy): the calls {@link ResultCalls}
 * takes in, an array result aliased and a record result's leaves assigned. The order limits refused
 * the rest before, so a refusal here is a bug: an {@link IllegalStateException}.
 *
 * @param bodies a callee's plain function, or null when it has none here
 */
record ResultInliningPolicy(java.util.function.Function<Callee, Function> bodies) implements InlinePolicy {
  private static final ResultSplice ARRAY = new ArrayResultSplice();
  private static final ResultSplice RECORD = new RecordResultSplice();

  /** The plain body of a callee to inline, or null: a call that stays a call. */
  @Override
  public Function body(Stmt site, Expr.Call call, CallPath path) {
    return ResultCalls.body(call.callee(), bodies);
  }

  @Override
  public Callee signature(Callee called, Function g) {
    return g.signature();
  }

  @Override
  public RuntimeException cycle(CallPath path) {
    return new IllegalStateException("a cycle of calls through " + path.callee() + " passed the checks");
  }

  @Override
  public ResultSplice splice(Stmt site) {
    return site instanceof Stmt.CallRecord ? RECORD : ARRAY;
  }
}

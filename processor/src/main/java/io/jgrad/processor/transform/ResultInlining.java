package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.ResultCalls;
import java.util.List;

/**
 * Calls of plain functions with an array or a record result, in a function of order 2 or more, as
 * the callee's own code: the caller's tangent programs then carry the callee's local arrays and
 * record leaves as their own, and the order-n machinery differentiates them as it does the caller's
 * code. A tangent function of such a callee would return an array or a record, whose multilinear
 * terms above order 2 would have to be added as whole arrays and records; the body, inlined, needs
 * nothing new. Which calls qualify, and what their bodies must look like, {@link ResultCalls} decides
 * (the order limits refuse the rest before this runs).
 */
public final class ResultInlining {
  private ResultInlining() {}

  /**
   * {@code f} with every call of a function with an array or record result that {@code bodies} has
   * a plain body for replaced by that body, normalized; {@code f} itself where it makes none.
   */
  public static Function inline(Function f, java.util.function.Function<Callee, Function> bodies) {
    if (!(f instanceof Function.Plain) || ResultCalls.inlined(f.body(), bodies).isEmpty()) {
      return f;
    }
    Names names = Names.of(f.signature().paramNames(), f.body());
    CallInliner inliner = new CallInliner(new ResultInliningPolicy(bodies), List.of(f.signature().name()));
    return new Function.Plain(f.signature(), inliner.stmts(Normalizer.normalize(f, names), names));
  }
}

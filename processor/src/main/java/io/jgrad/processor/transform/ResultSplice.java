package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Stmt;
import java.util.List;

/** How an inlined callee's result reaches the caller: a number target, an array, record leaves. */
interface ResultSplice {
  /**
   * The statements that replace {@code site}, the call {@code call} of {@code sig}: {@code body}
   * (normalized, call-free as far as the policy takes calls in, in names of its own) renamed apart in
   * the caller's {@code names}.
   */
  List<Stmt> splice(Stmt site, Expr.Call call, Callee sig, List<Stmt> body, Names names);

  /** {@code target = g(args)} with a number (or any value) target: the final return assigned. */
  ResultSplice NUMBER = (site, call, sig, body, names) -> {
    Stmt.Assign a = (Stmt.Assign) site;
    return Inliner.splice(sig.name(), sig.params(), call.args(), body, a.target(), a.declare(), names, null);
  };
}

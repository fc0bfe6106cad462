package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaves of {@code record = g(args)}: g's body renamed apart, each leaf of the record it returns
 * assigned to the caller's local for that leaf.
 */
final class RecordResultSplice implements ResultSplice {
  @Override
  public List<Stmt> splice(Stmt site, Expr.Call call, Callee sig, List<Stmt> body, Names names) {
    List<Expr.Var> leaves = ((Stmt.CallRecord) site).leaves();
    ParameterAliases spliced = ParameterAliases.of(call, sig, body, call.type(), names);
    Expr.RecordValue value = (Expr.RecordValue) spliced.result();
    List<Stmt> out = new ArrayList<>(spliced.statements());
    for (int i = 0; i < leaves.size(); i++) {
      out.add(new Stmt.Assign(leaves.get(i), value.leaves().get(i), true));
    }
    return spliced.renamed(out);
  }
}

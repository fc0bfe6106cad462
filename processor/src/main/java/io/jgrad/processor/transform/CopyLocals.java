package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads each copy of a local through the local it copies ({@code double a2 = a1; f(a2)} becomes
 * {@code f(a1)}): splicing a call names every argument, and splicing it again at the next order
 * names the names, so chains of copies pile up in a pullback function written as code. Only where
 * nothing can tell: the copy and the local it copies are each written once, by their declarations
 * (a parameter never), with the same type, and neither is named by a string (a receiver, a lambda).
 */
final class CopyLocals {
  private CopyLocals() {}

  /** {@code body} with each copy read through the local or unwritten parameter it copies. */
  static List<Stmt> propagate(List<Stmt> body, Set<String> params) {
    Map<String, Integer> writes = new HashMap<>();
    Set<String> named = new HashSet<>();
    Rewrite.forEach(body, s -> {
      written(s).forEach(v -> writes.merge(v, 1, Integer::sum));
      Rewrite.stmts(List.of(s), e -> {
        named.addAll(DeadStores.named(e));
        return e;
      });
      if (s instanceof Stmt.Linearize l && l.callee().receiver() != null) {
        named.add(DeadStores.leading(l.callee().receiver()));
      }
    });
    Map<String, Expr.Var> copies = new HashMap<>();
    Rewrite.forEach(body, s -> {
      if (s instanceof Stmt.Assign a && a.declare() && a.value() instanceof Expr.Var from
          && from.type().equals(a.target().type()) && writes.get(a.target().name()) == 1
          && !params.contains(a.target().name()) && !named.contains(a.target().name())
          && !named.contains(from.name())
          && (params.contains(from.name()) ? !writes.containsKey(from.name()) : writes.get(from.name()) == 1)) {
        copies.put(a.target().name(), from);
      }
    });
    if (copies.isEmpty()) {
      return body;
    }
    List<Stmt> kept = without(body, copies.keySet());
    return Rewrite.stmts(kept, e -> e instanceof Expr.Var v && copies.containsKey(v.name()) ? original(v, copies) : e);
  }

  /** The local {@code v} copies, through a chain of copies. */
  private static Expr.Var original(Expr.Var v, Map<String, Expr.Var> copies) {
    Expr.Var out = v;
    while (copies.containsKey(out.name())) {
      out = copies.get(out.name());
    }
    return out;
  }

  /** The locals {@code s} writes itself: its targets, a call's results, what it sums into, declares or pops. */
  private static List<String> written(Stmt s) {
    List<String> out = new ArrayList<>();
    Rewrite.assigned(s).forEach(v -> out.add(v.name()));
    Expr.Var into = s instanceof Stmt.ArrayWrite w ? w.array() : s instanceof Stmt.Accumulate a ? a.target()
        : s instanceof Stmt.Pop p ? p.target() : s instanceof Stmt.Save v ? v.residual()
        : s instanceof Stmt.Declare d ? d.target() : s instanceof Stmt.Restore r ? r.residual()
        : s instanceof Stmt.Repeat r ? r.counter() : s instanceof Stmt.CallRecord c ? c.record() : null;
    if (into != null) {
      out.add(into.name());
    }
    return out;
  }

  /** {@code body} without the declarations of {@code copies}, wherever they are nested. */
  private static List<Stmt> without(List<Stmt> body, Set<String> copies) {
    return body.stream()
        .filter(s -> !(s instanceof Stmt.Assign a && a.declare() && copies.contains(a.target().name())))
        .map(s -> Rewrite.withBodies(s, inner -> without(inner, copies))).toList();
  }
}

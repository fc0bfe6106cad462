package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The one inliner: walks a normalized body and replaces the calls its {@link InlinePolicy} takes in by
 * the callee's normalized body, that body's own calls taken in first, refusing cycles of calls.
 */
final class CallInliner {
  private final InlinePolicy policy;
  private final List<String> stack;

  /**
   * @param policy what to take in and how
   * @param stack the functions being inlined into, outermost first: the path of calls
   */
  CallInliner(InlinePolicy policy, List<String> stack) {
    this.policy = policy;
    this.stack = new ArrayList<>(stack);
  }

  /** {@code in} (normalized, its locals known to {@code names}) with the policy's calls inlined. */
  List<Stmt> stmts(List<Stmt> in, Names names) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : in) {
      Expr.Call c = s instanceof Stmt.Assign a && a.value() instanceof Expr.Call call ? call
          : s instanceof Stmt.CallRecord r ? r.call() : null;
      Function g = c == null ? null : policy.body(s, c, new CallPath(stack, c.callee().name()));
      if (g != null) {
        out.addAll(call(s, c, g, names));
        continue;
      }
      List<Stmt> before = new ArrayList<>();
      Stmt lifted = policy.lift(s, names, before);
      out.addAll(stmts(before, names));
      out.add(Rewrite.withBodies(lifted, body -> stmts(body, names)));
    }
    return out;
  }

  /** The statements that replace {@code site}, the call {@code c} of {@code g}. */
  private List<Stmt> call(Stmt site, Expr.Call c, Function g, Names names) {
    Callee sig = policy.signature(c.callee(), g);
    CallPath path = new CallPath(stack, sig.name());
    if (stack.contains(sig.name())) {
      throw policy.cycle(path);
    }
    Names own = Names.of(sig.paramNames(), g.body());
    List<Stmt> body = Normalizer.normalize(g, own);
    policy.check(body, path);
    stack.add(sig.name());
    body = stmts(body, own);
    stack.remove(stack.size() - 1);
    return policy.splice(site).splice(site, c, sig, body, names);
  }
}

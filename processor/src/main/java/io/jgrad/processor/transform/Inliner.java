package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renaming and splicing for the inliners: a callee's normalized body as statements of the caller,
 * its parameters and locals renamed apart. Which calls are inlined, {@link CallInliner} and its
 * policies decide.
 */
final class Inliner {
  private Inliner() {}

  /**
   * A normalized, call-free {@code body} of a function named {@code owner} as statements of the
   * caller: parameters bound to {@code args}, every local renamed apart in {@code names}, and its
   * final {@code return v} as {@code target = v}. Returns the statements; {@code renamed} (when not
   * null) receives the callee-to-caller names.
   */
  public static List<Stmt> splice(String owner, List<Callee.Param> params, List<Expr> args, List<Stmt> body,
      Expr.Var target, boolean declare, Names names, Map<String, String> renamed) {
    Map<String, String> map = renamed != null ? renamed : new HashMap<>();
    for (Callee.Param p : params) {
      map.put(p.name(), names.fresh(owner + Names.capitalized(p.name())));
    }
    locals(body, map, names);
    List<Stmt> renamedBody = Rewrite.stmts(body, e -> e instanceof Expr.Var v && map.containsKey(v.name())
        ? new Expr.Var(map.get(v.name()), v.type())
        : e instanceof Expr.Call c && c.callee().isFunctionObject() ? new Expr.Call(receiver(c.callee(), map), c.args(), c.type())
        : e);
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      out.add(new Stmt.Assign(new Expr.Var(map.get(params.get(i).name()), params.get(i).type()), args.get(i), true));
    }
    Stmt last = renamedBody.get(renamedBody.size() - 1);
    out.addAll(renamedBody.subList(0, renamedBody.size() - 1));
    out.add(new Stmt.Assign(target, ((Stmt.Return) last).value(), declare));
    return out;
  }

  /**
   * {@code target = g(args)} as {@code g}'s own code, normalized and renamed apart in {@code names};
   * calls in {@code g}'s body stay calls; {@code renamed} (when not null) receives the callee-to-caller
   * names of its locals.
   */
  public static List<Stmt> spliceCall(Function g, List<Expr> args, Expr.Var target, Names names,
      Map<String, String> renamed) {
    Names own = Names.of(g.signature().paramNames(), g.body());
    return splice(g.signature().name(), g.signature().params(), args, Normalizer.normalize(g, own), target, true,
        names, renamed);
  }

  /** A call through a function object held by a renamed local: {@code f.value(x)}, {@code f.partialFirst().value(x, y)}. */
  private static Callee receiver(Callee c, Map<String, String> renamed) {
    String receiver = c.receiver();
    int dot = receiver.indexOf('.');
    String base = dot < 0 ? receiver : receiver.substring(0, dot);
    if (!renamed.containsKey(base)) {
      return c;
    }
    return c.withReceiver(renamed.get(base) + (dot < 0 ? "" : receiver.substring(dot)));
  }

  /** Gives every local of {@code body} a name of the caller's. */
  private static void locals(List<Stmt> body, Map<String, String> renamed, Names names) {
    Rewrite.forEach(body, s -> {
      Expr.Var local = s instanceof Stmt.Assign a && a.declare() ? a.target()
          : s instanceof Stmt.Declare d ? d.target() : null;
      if (local != null) {
        renamed.computeIfAbsent(local.name(), names::fresh);
      }
    });
  }
}

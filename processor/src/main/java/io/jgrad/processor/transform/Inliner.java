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
import java.util.function.Predicate;

/**
 * Replaces calls in a normalized body by the callee's normalized body, its parameters and locals
 * renamed apart, so that a kernel is one flat function (OpenCL has no calls into other classes).
 * Inlined bodies must be pure: a kernel cannot print. A call that cannot be inlined throws
 * {@link NotBatchable}, its message naming the path of calls and why, pointing at the first callee on
 * the way.
 *
 * @param names the names of the body inlined into
 * @param bodies a callee's plain function, or null when it has none here
 * @param keep the calls that stay calls
 * @param stack the functions being inlined into, outermost first: the path of calls
 */
record Inliner(Names names, java.util.function.Function<Callee, Function> bodies, Predicate<Callee> keep,
    List<String> stack) {
  /**
   * {@code in} (normalized, its locals known to {@link #names}) with every call inlined but those
   * {@link #keep} accepts.
   */
  List<Stmt> stmts(List<Stmt> in) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : in) {
      if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Call c && !keep.test(c.callee())) {
        call(a.target(), a.declare(), c, out);
        continue;
      }
      // A call inside a value or a test (a branch flag: -g(x) > y): each call becomes a local first.
      List<Stmt> before = new ArrayList<>();
      Stmt hoisted = s instanceof Stmt.Assign a ? new Stmt.Assign(a.target(), hoist(a.value(), before), a.declare())
          : s instanceof Stmt.If f ? new Stmt.If(hoist(f.condition(), before), f.thenBody(), f.elseBody())
          : s instanceof Stmt.While w ? new Stmt.While(hoist(w.condition(), before), w.body()) : s;
      out.addAll(stmts(before));
      if (hoisted instanceof Stmt.While w) {
        // while (c(g(x))) body  →  t = g(x); while (c(t)) { body; t = g(x); }
        List<Stmt> body = new ArrayList<>(w.body());
        for (Stmt b : before) {
          Stmt.Assign hoistedCall = (Stmt.Assign) b;
          body.add(new Stmt.Assign(hoistedCall.target(), hoistedCall.value(), false));
        }
        hoisted = new Stmt.While(w.condition(), body);
      }
      out.add(Rewrite.withBodies(hoisted, this::stmts));
    }
    return out;
  }

  /**
   * {@code condition} (or a value) with each call in it replaced by a fresh local, whose assignment
   * goes to {@code before} (inner calls first), so that the call can be inlined before the test.
   */
  private Expr hoist(Expr condition, List<Stmt> before) {
    return Rewrite.expr(condition, e -> {
      if (e instanceof Expr.Call c && !keep.test(c.callee())) {
        Expr.Var t = names.var(c.callee().name(), c.type());
        before.add(new Stmt.Assign(t, c, true));
        return t;
      }
      return e;
    });
  }

  private void call(Expr.Var target, boolean declare, Expr.Call c, List<Stmt> out) {
    Callee callee = c.callee();
    String path = String.join(" → ", stack) + " → " + callee.name();
    Function g = bodies.apply(callee);
    if (g == null) {
      throw new NotBatchable(path + ": the body of " + callee.name() + " is not available here (compiled"
          + " elsewhere, or outside the subset kernels run); kernels inline the bodies of the functions they"
          + " call", first(callee.name()));
    }
    if (stack.contains(callee.name())) {
      throw new NotBatchable(path + ": a cycle of calls cannot be inlined", first(callee.name()));
    }
    List<String> params = callee.paramNames();
    Names own = Names.of(params, g.body());
    List<Stmt> body = Normalizer.normalize(g, own);
    requirePure(body, path, callee.name());
    stack.add(callee.name());
    body = new Inliner(own, bodies, keep, stack).stmts(body);
    stack.remove(stack.size() - 1);
    out.addAll(splice(callee.name(), callee.params(), c.args(), body, target, declare, names, null));
  }

  private void requirePure(List<Stmt> body, String path, String callee) {
    Rewrite.stmts(body, e -> {
      if (e instanceof Expr.PrimalCall p) {
        throw new NotBatchable(path + ": " + p.receiver() + "." + p.method() + "(...) in " + callee
            + " cannot run in a kernel: OpenCL code cannot call methods of other classes or print", first(callee));
      }
      return e;
    });
  }

  /** The callee called from the function being inlined into: where a problem deeper down shows. */
  private String first(String callee) {
    return stack.size() > 1 ? stack.get(1) : callee;
  }

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

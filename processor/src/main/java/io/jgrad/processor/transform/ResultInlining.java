package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.ResultCalls;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  private final java.util.function.Function<Callee, Function> bodies;
  private final List<String> stack = new ArrayList<>();

  private ResultInlining(java.util.function.Function<Callee, Function> bodies) {
    this.bodies = bodies;
  }

  /**
   * {@code f} with every call of a function with an array or record result that {@code bodies} has
   * a plain body for replaced by that body, normalized; {@code f} itself where it makes none.
   */
  public static Function inline(Function f, java.util.function.Function<Callee, Function> bodies) {
    if (!(f instanceof Function.Plain) || ResultCalls.inlined(f.body(), bodies).isEmpty()) {
      return f;
    }
    Names names = Names.of(f.signature().paramNames(), f.body());
    ResultInlining inlining = new ResultInlining(bodies);
    inlining.stack.add(f.signature().name());
    return new Function.Plain(f.signature(), inlining.stmts(Normalizer.normalize(f, names), names));
  }

  private List<Stmt> stmts(List<Stmt> in, Names names) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : in) {
      Function g = s instanceof Stmt.Assign a && a.value() instanceof Expr.Call c ? inlinable(c.callee())
          : s instanceof Stmt.CallRecord r ? inlinable(r.call().callee()) : null;
      if (g == null) {
        out.add(Rewrite.withBodies(s, body -> stmts(body, names)));
      } else if (s instanceof Stmt.Assign a) {
        out.addAll(arrayCall(g, (Expr.Call) a.value(), a.target(), names));
        requireDeclared(a);
      } else {
        Stmt.CallRecord r = (Stmt.CallRecord) s;
        out.addAll(recordCall(g, r.call(), r.leaves(), names));
      }
    }
    return out;
  }

  /** An array local is declared with its value: the caller's target is the callee's new array. */
  private static void requireDeclared(Stmt.Assign a) {
    if (!a.declare()) {
      throw new IllegalStateException("the array local " + a.target().name() + " assigned again passed the checks");
    }
  }

  /** The plain body of a callee to inline, or null: a call that stays a call. */
  private Function inlinable(Callee callee) {
    Function g = ResultCalls.body(callee, bodies);
    if (g != null && stack.contains(g.signature().name())) {
      throw new IllegalStateException("a cycle of calls through " + g.signature().name() + " passed the checks");
    }
    return g;
  }

  /** The callee's body normalized in names of its own, its own calls of such functions inlined too. */
  private List<Stmt> calleeBody(Function g, Names own) {
    stack.add(g.signature().name());
    List<Stmt> body = stmts(Normalizer.normalize(g, own), own);
    stack.remove(stack.size() - 1);
    return body;
  }

  /**
   * {@code T[] target = g(args)}: g's body renamed apart, its array parameters reading the arguments'
   * arrays and the array local it returns declared as {@code target}, so that no array is ever held by
   * two locals.
   */
  private List<Stmt> arrayCall(Function g, Expr.Call c, Expr.Var target, Names names) {
    Callee sig = g.signature();
    Names own = Names.of(sig.paramNames(), g.body());
    List<Stmt> body = calleeBody(g, own);
    Map<String, String> renamed = new HashMap<>();
    Expr.Var scratch = names.var(RecordSignature.userName(sig.name()), target.type());
    List<Stmt> spliced = Inliner.splice(RecordSignature.userName(sig.name()), sig.params(), c.args(), body,
        scratch, true, names, renamed);
    Map<String, String> aliases = arguments(sig, c, renamed, spliced);
    Stmt.Assign last = (Stmt.Assign) spliced.get(spliced.size() - 1);
    List<Stmt> out = new ArrayList<>(withoutBindings(spliced.subList(0, spliced.size() - 1), aliases));
    if (last.value() instanceof Expr.Var local) {
      aliases.put(local.name(), target.name()); // the array g creates is the caller's from the start
    } else {
      out.add(new Stmt.Assign(target, last.value(), true));
    }
    return Rewrite.stmts(out, e -> e instanceof Expr.Var v && aliases.containsKey(v.name())
        ? new Expr.Var(aliases.get(v.name()), v.type()) : e);
  }

  /**
   * The leaves of {@code record = g(args)}: g's body renamed apart, each leaf of the record it returns
   * assigned to the caller's local for that leaf.
   */
  private List<Stmt> recordCall(Function g, Expr.Call c, List<Expr.Var> leaves, Names names) {
    Callee sig = g.signature();
    Names own = Names.of(sig.paramNames(), g.body());
    List<Stmt> body = calleeBody(g, own);
    Map<String, String> renamed = new HashMap<>();
    Expr.Var scratch = names.var(RecordSignature.userName(sig.name()), c.type());
    List<Stmt> spliced = Inliner.splice(RecordSignature.userName(sig.name()), sig.params(), c.args(), body,
        scratch, true, names, renamed);
    Map<String, String> aliases = arguments(sig, c, renamed, spliced);
    Expr.RecordValue value = (Expr.RecordValue) ((Stmt.Assign) spliced.get(spliced.size() - 1)).value();
    List<Stmt> out = new ArrayList<>(withoutBindings(spliced.subList(0, spliced.size() - 1), aliases));
    for (int i = 0; i < leaves.size(); i++) {
      out.add(new Stmt.Assign(leaves.get(i), value.leaves().get(i), true));
    }
    return Rewrite.stmts(out, e -> e instanceof Expr.Var v && aliases.containsKey(v.name())
        ? new Expr.Var(aliases.get(v.name()), v.type()) : e);
  }

  /**
   * Each parameter's renamed local mapped to the caller's local it is called with, where the callee
   * reads it as it is: an array always (the callee's array is the caller's), a number the callee never
   * assigns.
   */
  private static Map<String, String> arguments(Callee sig, Expr.Call c, Map<String, String> renamed,
      List<Stmt> spliced) {
    Set<String> assigned = new HashSet<>();
    Rewrite.forEach(spliced.subList(sig.params().size(), spliced.size()),
        s -> Rewrite.assigned(s).forEach(v -> assigned.add(v.name())));
    Map<String, String> aliases = new HashMap<>();
    for (int i = 0; i < sig.params().size(); i++) {
      String local = renamed.get(sig.params().get(i).name());
      // A number converted on the way in (an int passed as a double) keeps its binding.
      if (c.args().get(i) instanceof Expr.Var arg && arg.type() == sig.params().get(i).type()
          && (arg.type().isArray() || !assigned.contains(local))) {
        aliases.put(local, arg.name());
      }
    }
    return aliases;
  }

  /** {@code spliced} without the bindings of the parameters that {@code aliases} maps to the caller's locals. */
  private static List<Stmt> withoutBindings(List<Stmt> spliced, Map<String, String> aliases) {
    return spliced.stream().filter(s -> !(s instanceof Stmt.Assign a && a.declare()
        && aliases.containsKey(a.target().name()) && a.value() instanceof Expr.Var)).toList();
  }
}

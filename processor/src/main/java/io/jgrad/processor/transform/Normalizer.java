package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings a body into the form the derivative transforms read: every differentiable value is built
 * one primitive at a time into a local (A-normal form), ternaries become if/else, the tail returns
 * become assignments to one result local read by a single final {@code return}, and the leaves read
 * from one call of a function with a record result come from one {@link Stmt.CallRecord}.
 */
public final class Normalizer {
  private final Names names;
  private final Expr.Var result;
  /** A record result returned from several places: its leaves' result locals, else null. */
  private List<Expr.Var> resultLeaves;
  /** The leaves of the record calls made so far in scope, by call site: later reads take these. */
  private Map<Integer, List<Expr.Var>> recordCalls = new HashMap<>();
  /**
   * The locals that the statements normalized next declare with leaves of a record call not made yet
   * ({@code Point q = f(p)}), by call site and leaf: the call assigns them itself.
   */
  private final Map<Integer, Map<Integer, Expr.Var>> declaredLeaves = new HashMap<>();

  private Normalizer(Names names, Expr.Var result) {
    this.names = names;
    this.result = result;
  }

  /** The normalized body of {@code f}; {@code names} learns every temporary it creates. */
  public static List<Stmt> normalize(Function f, Names names) {
    List<Stmt> body = f.body();
    boolean singleReturn = body.size() > 0 && body.get(body.size() - 1) instanceof Stmt.Return
        && !Rewrite.anyMatch(body.subList(0, body.size() - 1), s -> s instanceof Stmt.Return);
    Callee.RecordResult record = f.signature().recordResult();
    Normalizer n = new Normalizer(names, singleReturn || record != null ? null
        : names.var("result", f.signature().returnType()));
    List<Stmt> out = new ArrayList<>();
    if (n.result != null) {
      out.add(new Stmt.Declare(n.result));
    }
    if (!singleReturn && record != null) {
      // A record result gets one result local per leaf, returned together at the end; a reference leaf
      // (an enum) is declared with its own type.
      n.resultLeaves = new ArrayList<>();
      for (RecordShape.Leaf leaf : record.shape().leaves()) {
        Expr.Var local = names.var("result_" + leaf.suffix(), leaf.type());
        n.resultLeaves.add(local);
        out.add(new Stmt.Declare(local, leaf.type() == Type.OBJECT ? leaf.javaType() : null));
      }
    }
    n.stmts(body, out);
    if (n.result != null) {
      out.add(new Stmt.Return(n.result));
    }
    if (n.resultLeaves != null) {
      out.add(new Stmt.Return(new Expr.RecordValue(record.shape(), List.copyOf(n.resultLeaves))));
    }
    return out;
  }

  /** A nested statement list: the record calls it makes stay in it. */
  private List<Stmt> stmts(List<Stmt> in) {
    Map<Integer, List<Expr.Var>> outer = new HashMap<>(recordCalls);
    List<Stmt> out = new ArrayList<>();
    stmts(in, out);
    recordCalls = outer;
    return out;
  }

  private void stmts(List<Stmt> in, List<Stmt> out) {
    for (int i = 0; i < in.size(); i++) {
      declaredLeaves(in.subList(i, in.size()));
      stmt(in.get(i), out);
    }
  }

  /**
   * Notes the locals that {@code next}, from its first statement on, declares one after the other with
   * leaves of one record call not made yet ({@code Point q = f(p)}): that call assigns them itself.
   */
  private void declaredLeaves(List<Stmt> next) {
    Integer site = next.get(0) instanceof Stmt.Assign a ? site(a.value()) : null;
    if (site == null || recordCalls.containsKey(site)) {
      return;
    }
    for (Stmt s : next) {
      if (!(s instanceof Stmt.Assign a && a.declare() && site.equals(site(a.value())))) {
        return;
      }
      declaredLeaves.computeIfAbsent(site, k -> new HashMap<>())
          .put(((Expr.Call) a.value()).callee().recordResult().leaf(), a.target());
    }
  }

  private void stmt(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Assign a && site(a.value()) != null) {
      Expr.Var leaf = leaf((Expr.Call) a.value(), out);
      if (!leaf.equals(a.target())) {
        out.add(new Stmt.Assign(a.target(), leaf, a.declare()));
      }
    } else if (s instanceof Stmt.Assign a) {
      if (!a.target().type().isScalar()) {
        // An array from a call (double[] r = g(x, exp(y))): its numbers become atoms as any call's
        // do, or the linearizer would take an expression argument for a constant.
        out.add(a.value() instanceof Expr.Call c ? new Stmt.Assign(a.target(), new Expr.Call(c.callee(),
            c.args().stream().map(arg -> arg.type().isScalar() ? atom(arg, out) : arg).toList(), c.type()),
            a.declare()) : a);
        return;
      }
      if (!a.declare() && a.value() instanceof Expr.Var v && v.name().equals(a.target().name())) {
        return; // x = x changes nothing, and its transpose would double the cotangent before zeroing it
      }
      Expr rhs = rhs(a.value(), out);
      if (Exprs.mentions(rhs, a.target().name()) && !isAtom(rhs)) {
        // y = y * x: the rule needs the old y, so the product gets a local of its own first.
        rhs = temp(tempBase(rhs), rhs, out);
      }
      out.add(new Stmt.Assign(a.target(), rhs, a.declare()));
    } else if (s instanceof Stmt.ArrayWrite w) {
      Expr value = w.value().type().isScalar() ? atom(w.value(), out) : w.value();
      out.add(new Stmt.ArrayWrite(w.array(), index(w.index(), out), value));
    } else if (s instanceof Stmt.Return r && r.value() instanceof Expr.RecordValue record) {
      List<Expr> leaves = args(record.leaves(), out);
      if (resultLeaves == null) {
        out.add(new Stmt.Return(new Expr.RecordValue(record.shape(), leaves)));
      } else {
        for (int i = 0; i < leaves.size(); i++) {
          out.add(new Stmt.Assign(resultLeaves.get(i), leaves.get(i), false));
        }
      }
    } else if (s instanceof Stmt.Return r) {
      Expr value = atom(r.value(), out);
      out.add(result == null ? new Stmt.Return(value) : new Stmt.Assign(result, value, false));
    } else {
      out.add(Rewrite.withBodies(s, this::stmts));
    }
  }

  /** The call site of a leaf read from a record call, else null. */
  private static Integer site(Expr e) {
    return e instanceof Expr.Call c && c.callee().recordResult() != null && c.callee().recordResult().leaf() >= 0
        ? c.callee().recordResult().site() : null;
  }

  /**
   * The local holding the leaf {@code read} reads: its call's, made once, at the first leaf read, into
   * the locals the next statements declare with its leaves, or fresh ones.
   */
  private Expr.Var leaf(Expr.Call read, List<Stmt> out) {
    Callee.RecordResult record = read.callee().recordResult();
    List<Expr.Var> leaves = recordCalls.get(record.site());
    if (leaves == null) {
      Callee whole = read.callee().wholeRecord();
      String user = RecordSignature.userName(whole.name());
      Map<Integer, Expr.Var> declared = declaredLeaves.getOrDefault(record.site(), Map.of());
      leaves = new ArrayList<>();
      List<RecordShape.Leaf> shape = record.shape().leaves();
      for (int i = 0; i < shape.size(); i++) {
        Expr.Var local = declared.get(i);
        leaves.add(local != null ? local : new Expr.Var(names.fresh(user + "_" + shape.get(i).suffix()),
            shape.get(i).type()));
      }
      out.add(new Stmt.CallRecord(new Expr.Var(names.temp(whole.name()), Type.OBJECT), List.copyOf(leaves),
          new Expr.Call(whole, args(read.args(), out), Type.OBJECT)));
      recordCalls.put(record.site(), leaves);
    }
    return leaves.get(record.leaf());
  }

  /** One level of computation over atoms: what may stand on the right of an assignment. */
  private Expr rhs(Expr e, List<Stmt> out) {
    if (site(e) != null) {
      return leaf((Expr.Call) e, out);
    }
    if (!e.type().isScalar()) {
      return e;
    }
    if (e instanceof Expr.Prim p) {
      return new Expr.Prim(p.primitive(), args(p.args(), out), p.type(), p.strict());
    }
    if (e instanceof Expr.Call c) {
      return new Expr.Call(c.callee(), args(c.args(), out), c.type());
    }
    if (e instanceof Expr.Cast c && c.operand().type().isScalar()) {
      return new Expr.Cast(c.type(), atom(c.operand(), out));
    }
    if (e instanceof Expr.Conditional c) {
      Expr.Var t = new Expr.Var(names.temp("select"), c.type());
      out.add(new Stmt.Declare(t));
      out.add(new Stmt.If(c.condition(), branch(t, c.ifTrue()), branch(t, c.ifFalse())));
      return t;
    }
    return e;
  }

  /**
   * Arguments as atoms: each number in a local where it is computed, each leaf of a record call its
   * local; anything else (an array, an int) is an atom already.
   */
  private List<Expr> args(List<Expr> args, List<Stmt> out) {
    return args.stream().map(a -> atom(a, out)).toList();
  }

  /** {@code t = value} as a branch of its own: the record calls it makes stay in it. */
  private List<Stmt> branch(Expr.Var t, Expr value) {
    return stmts(List.of(new Stmt.Assign(t, value, false)));
  }

  /** An atom (local, literal, constant field, or a primal-only expression) holding {@code e}. */
  private Expr atom(Expr e, List<Stmt> out) {
    if (isAtom(e) && site(e) == null) {
      return e;
    }
    Expr rhs = rhs(e, out);
    if (isAtom(rhs)) {
      return rhs;
    }
    if (rhs instanceof Expr.ArrayRead r) {
      rhs = new Expr.ArrayRead(r.array(), index(r.index(), out), r.type());
      Expr.Var earlier = sameRead(rhs, out);
      if (earlier != null) {
        return earlier;
      }
    }
    return temp(tempBase(rhs), rhs, out);
  }

  /**
   * A temporary holding {@code value}: it takes a number even when its base name is free, sin1 reading
   * as "the first sin".
   */
  private Expr.Var temp(String base, Expr value, List<Stmt> out) {
    Expr.Var t = new Expr.Var(names.temp(base), value.type());
    out.add(new Stmt.Assign(t, value, true));
    return t;
  }

  /**
   * An element's index, in a local of its own when it calls a helper ({@code Math.floorMod(i + 1, n)}):
   * reverse mode then computes it once per trip for the element's read and its cotangent's update.
   */
  private Expr index(Expr index, List<Stmt> out) {
    if (!Exprs.any(index, e -> e instanceof Expr.PrimalCall)) {
      return index;
    }
    Expr.Var earlier = sameRead(index, out);
    return earlier != null ? earlier : temp("index", index, out);
  }

  /**
   * The local an element read just before already holds ({@code x[i] * x[i]} reads {@code x[i]}
   * once), or that was just written into it ({@code h[i] = t; s += h[i]} reads {@code t}): found
   * among the statements ending {@code out}, none of which writes the array or its index otherwise.
   */
  private static Expr.Var sameRead(Expr read, List<Stmt> out) {
    Set<String> reads = Exprs.vars(read);
    Set<String> assignedSince = new HashSet<>();
    Expr.ArrayRead element = read instanceof Expr.ArrayRead r ? r : null;
    for (int k = out.size() - 1; k >= 0; k--) {
      if (out.get(k) instanceof Stmt.ArrayWrite w && (element == null || w.array().equals(element.array()))) {
        if (element == null) {
          return null; // an index computed before a write may read the array written
        }
        boolean stored = w.index().equals(element.index()) && w.value() instanceof Expr.Var v
            && v.type() == read.type() && !assignedSince.contains(v.name());
        return stored ? (Expr.Var) w.value() : null;
      }
      if (out.get(k) instanceof Stmt.ArrayWrite) {
        continue; // another array: the element read is unchanged
      }
      if (!(out.get(k) instanceof Stmt.Assign a) || reads.contains(a.target().name())) {
        return null;
      }
      if (a.declare() && a.value().equals(read)) {
        // A local assigned again since (v = x[1]; v *= 2) no longer holds the element.
        return assignedSince.contains(a.target().name()) ? null : a.target();
      }
      assignedSince.add(a.target().name());
    }
    return null;
  }

  /**
   * Whether {@code e} needs no local of its own: no differentiable computation happens in it. A
   * field that is not final is read once into a local: the reverse sweep then uses the value the
   * forward sweep saw, even when the field changes before the pullback runs.
   */
  private static boolean isAtom(Expr e) {
    if (e instanceof Expr.StaticField f) {
      return !f.mutable() || !f.type().isScalar();
    }
    // (double) i and friends: a differentiable type computed from primal values only.
    return e instanceof Expr.Var || e instanceof Expr.Const || !e.type().isScalar()
        || e instanceof Expr.Cast c && !c.operand().type().isDifferentiable();
  }

  private static String tempBase(Expr rhs) {
    if (rhs instanceof Expr.Prim p) {
      return switch (p.primitive()) {
        case ADD -> "sum";
        case SUB -> "diff";
        case MUL -> "prod";
        case DIV -> "quot";
        case NEG -> "neg";
        default -> p.primitive().javaName();
      };
    }
    return rhs instanceof Expr.Call c ? c.callee().name() : rhs instanceof Expr.StaticField f ? f.name()
        : rhs instanceof Expr.ArrayRead ? "elem" : "tmp";
  }
}

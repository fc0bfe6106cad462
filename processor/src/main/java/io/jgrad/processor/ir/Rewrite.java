package io.jgrad.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The one structural walk of the IR: rebuilds statements and expressions bottom-up through a
 * function applied to every expression node after its children (renaming locals, replacing
 * constants), and visits nested statement lists for analyses.
 */
public final class Rewrite {
  private Rewrite() {}

  /** {@code e} with every node replaced by {@code f} of the node with its children rewritten. */
  public static Expr expr(Expr e, UnaryOperator<Expr> f) {
    return f.apply(node(e, child -> expr(child, f)));
  }

  /** {@code e} itself with its direct subexpressions passed through {@code child}, in evaluation order. */
  static Expr node(Expr e, UnaryOperator<Expr> child) {
    if (e instanceof Expr.Prim p) {
      return new Expr.Prim(p.primitive(), map(p.args(), child), p.type(), p.strict());
    } else if (e instanceof Expr.Call c) {
      return new Expr.Call(c.callee(), map(c.args(), child), c.type());
    } else if (e instanceof Expr.PrimalCall c) {
      return new Expr.PrimalCall(c.receiver(), c.method(), map(c.args(), child), c.type());
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), child.apply(b.left()), child.apply(b.right()), b.type());
    } else if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), child.apply(u.operand()), u.type());
    } else if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), child.apply(c.operand()));
    } else if (e instanceof Expr.ArrayRead r) {
      return new Expr.ArrayRead(child.apply(r.array()), child.apply(r.index()), r.type());
    } else if (e instanceof Expr.ArrayLength l) {
      return new Expr.ArrayLength(child.apply(l.array()));
    } else if (e instanceof Expr.NewArray n) {
      return new Expr.NewArray(n.type(), child.apply(n.length()));
    } else if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(child.apply(c.condition()), child.apply(c.ifTrue()), child.apply(c.ifFalse()),
          c.type());
    } else if (e instanceof Expr.Pair p) {
      return new Expr.Pair(child.apply(p.value()), child.apply(p.tangent()), p.type());
    } else if (e instanceof Expr.RecordValue r) {
      return new Expr.RecordValue(r.shape(), map(r.leaves(), child));
    }
    return e;
  }

  /** {@code body} with every expression, and every assigned or declared local, rewritten by {@code f}. */
  public static List<Stmt> stmts(List<Stmt> body, UnaryOperator<Expr> f) {
    return map(body, s -> stmt(s, e -> expr(e, f), v -> (Expr.Var) expr(v, f), inner -> stmts(inner, f)));
  }

  /**
   * {@code s} itself with what it evaluates passed through {@code operand} (in evaluation order), the
   * locals it writes or names through {@code local} (a null in a list kept), and the statement lists
   * nested directly in it through {@code body}, each in the order the statement holds them.
   */
  private static Stmt stmt(Stmt s, UnaryOperator<Expr> operand, UnaryOperator<Expr.Var> local,
      UnaryOperator<List<Stmt>> body) {
    UnaryOperator<Expr.Var> locals = v -> v == null ? null : local.apply(v);
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(local.apply(a.target()), operand.apply(a.value()), a.declare());
    } else if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(local.apply(d.target()), d.javaType());
    } else if (s instanceof Stmt.ArrayWrite w) {
      return new Stmt.ArrayWrite(local.apply(w.array()), operand.apply(w.index()), operand.apply(w.value()));
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(operand.apply(i.condition()), body.apply(i.thenBody()), body.apply(i.elseBody()));
    } else if (s instanceof Stmt.While w) {
      return new Stmt.While(operand.apply(w.condition()), body.apply(w.body()));
    } else if (s instanceof Stmt.Block b) {
      return new Stmt.Block(body.apply(b.body()));
    } else if (s instanceof Stmt.Effect e) {
      return new Stmt.Effect((Expr.PrimalCall) operand.apply(e.call()));
    } else if (s instanceof Stmt.Return r) {
      return new Stmt.Return(operand.apply(r.value()));
    } else if (s instanceof Stmt.Save v) {
      return new Stmt.Save(local.apply(v.residual()), operand.apply(v.value()));
    } else if (s instanceof Stmt.Restore r) {
      return new Stmt.Restore(local.apply(r.residual()));
    } else if (s instanceof Stmt.Push p) {
      return new Stmt.Push(operand.apply(p.value()), p.type(), p.tape());
    } else if (s instanceof Stmt.Pop p) {
      return new Stmt.Pop(local.apply(p.target()), p.pullbackOf(), p.reader());
    } else if (s instanceof Stmt.Repeat r) {
      return new Stmt.Repeat(local.apply(r.counter()), operand.apply(r.from()), operand.apply(r.downTo()),
          body.apply(r.body()));
    } else if (s instanceof Stmt.Accumulate a) {
      return new Stmt.Accumulate(local.apply(a.target()), a.index() == null ? null : operand.apply(a.index()),
          operand.apply(a.value()), a.subtract());
    } else if (s instanceof Stmt.CallRecord c) {
      return new Stmt.CallRecord(local.apply(c.record()), map(c.leaves(), locals),
          (Expr.Call) operand.apply(c.call()));
    } else if (s instanceof Stmt.Linearize l) {
      return new Stmt.Linearize(local.apply(l.pullback()), map(l.results(), locals), l.declare(), l.callee(),
          map(l.args(), operand));
    } else if (s instanceof Stmt.PullBack p) {
      return new Stmt.PullBack(local.apply(p.pullback()), local.apply(p.gradient()), p.callee(),
          map(p.cotangents(), locals), map(p.argCotangents(), locals));
    } else if (s instanceof Stmt.CheckLength c) {
      return new Stmt.CheckLength(operand.apply(c.primal()), local.apply(c.tangent()));
    }
    return s; // a NewTape
  }

  private static <T> List<T> map(List<T> in, UnaryOperator<T> f) {
    List<T> out = new ArrayList<>(in.size());
    in.forEach(x -> out.add(f.apply(x)));
    return out;
  }

  /** Returns each argument unchanged after adding it to {@code out}: turns a rebuilding walk into a collecting one. */
  static <T> UnaryOperator<T> adding(List<T> out) {
    return x -> {
      out.add(x);
      return x;
    };
  }

  /** The statement lists nested directly in {@code s}: branches, loop bodies, blocks. */
  public static List<List<Stmt>> bodies(Stmt s) {
    List<List<Stmt>> out = new ArrayList<>();
    stmt(s, e -> e, v -> v, adding(out));
    return out;
  }

  /** Visits every statement of {@code body}, each before the statements nested in it. */
  public static void forEach(List<Stmt> body, Consumer<Stmt> visit) {
    for (Stmt s : body) {
      visit.accept(s);
      bodies(s).forEach(inner -> forEach(inner, visit));
    }
  }

  /** Whether some statement of {@code body}, nested ones included, passes {@code test}. */
  public static boolean anyMatch(List<Stmt> body, Predicate<Stmt> test) {
    return body.stream().anyMatch(s -> test.test(s) || bodies(s).stream().anyMatch(inner -> anyMatch(inner, test)));
  }

  /**
   * {@code s} with the statement lists nested directly in it passed through {@code inner}: the
   * rebuilding step of a transform that changes some statements wherever they are nested.
   */
  public static Stmt withBodies(Stmt s, UnaryOperator<List<Stmt>> inner) {
    return bodies(s).isEmpty() ? s : stmt(s, e -> e, v -> v, inner);
  }

  /**
   * The locals {@code s} itself assigns, not those of the statements nested in it: an assignment's
   * target, a call's results, a record call's leaves.
   */
  public static List<Expr.Var> assigned(Stmt s) {
    return s instanceof Stmt.Assign a ? List.of(a.target())
        : s instanceof Stmt.Linearize l ? l.results()
        : s instanceof Stmt.CallRecord c ? c.leaves()
        : List.of();
  }

  /**
   * The expressions {@code s} evaluates itself, in evaluation order: not the locals it writes, nor
   * the expressions of the statements nested in it.
   */
  public static List<Expr> operands(Stmt s) {
    List<Expr> out = new ArrayList<>();
    stmt(s, adding(out), v -> v, inner -> inner);
    out.removeIf(Objects::isNull); // a bare return
    return out;
  }

  /** The linear statement lists nested directly in {@code l}: branches, loop bodies, blocks. */
  public static List<List<Linear>> bodies(Linear l) {
    List<List<Linear>> out = new ArrayList<>();
    withBodies(l, adding(out));
    return out;
  }

  /** {@code l} with the linear statement lists nested directly in it passed through {@code inner}. */
  public static Linear withBodies(Linear l, UnaryOperator<List<Linear>> inner) {
    return l instanceof Linear.If i ? new Linear.If(i.condition(), inner.apply(i.thenBody()), inner.apply(i.elseBody()))
        : l instanceof Linear.While w ? new Linear.While(w.condition(), inner.apply(w.body()))
        : l instanceof Linear.Block b ? new Linear.Block(inner.apply(b.body()))
        : l;
  }

  /** Visits every statement of a linear program, each before the statements nested in it. */
  public static void forEachLinear(List<Linear> program, Consumer<Linear> visit) {
    for (Linear l : program) {
      visit.accept(l);
      bodies(l).forEach(inner -> forEachLinear(inner, visit));
    }
  }
}

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
    Expr rebuilt;
    if (e instanceof Expr.Prim p) {
      rebuilt = new Expr.Prim(p.primitive(), exprs(p.args(), f), p.type(), p.strict());
    } else if (e instanceof Expr.Call c) {
      rebuilt = new Expr.Call(c.callee(), exprs(c.args(), f), c.type());
    } else if (e instanceof Expr.PrimalCall c) {
      rebuilt = new Expr.PrimalCall(c.receiver(), c.method(), exprs(c.args(), f), c.type());
    } else if (e instanceof Expr.Binary b) {
      rebuilt = new Expr.Binary(b.op(), expr(b.left(), f), expr(b.right(), f), b.type());
    } else if (e instanceof Expr.Unary u) {
      rebuilt = new Expr.Unary(u.op(), expr(u.operand(), f), u.type());
    } else if (e instanceof Expr.Cast c) {
      rebuilt = new Expr.Cast(c.type(), expr(c.operand(), f));
    } else if (e instanceof Expr.ArrayRead r) {
      rebuilt = new Expr.ArrayRead(expr(r.array(), f), expr(r.index(), f), r.type());
    } else if (e instanceof Expr.ArrayLength l) {
      rebuilt = new Expr.ArrayLength(expr(l.array(), f));
    } else if (e instanceof Expr.NewArray n) {
      rebuilt = new Expr.NewArray(n.type(), expr(n.length(), f));
    } else if (e instanceof Expr.Conditional c) {
      rebuilt = new Expr.Conditional(expr(c.condition(), f), expr(c.ifTrue(), f), expr(c.ifFalse(), f), c.type());
    } else if (e instanceof Expr.Pair p) {
      rebuilt = new Expr.Pair(expr(p.value(), f), expr(p.tangent(), f), p.type());
    } else if (e instanceof Expr.RecordValue r) {
      rebuilt = new Expr.RecordValue(r.shape(), exprs(r.leaves(), f));
    } else {
      rebuilt = e;
    }
    return f.apply(rebuilt);
  }

  private static List<Expr> exprs(List<Expr> in, UnaryOperator<Expr> f) {
    List<Expr> out = new ArrayList<>(in.size());
    in.forEach(e -> out.add(expr(e, f)));
    return out;
  }

  /** {@code body} with every expression, and every assigned or declared local, rewritten by {@code f}. */
  public static List<Stmt> stmts(List<Stmt> body, UnaryOperator<Expr> f) {
    List<Stmt> out = new ArrayList<>(body.size());
    for (Stmt s : body) {
      out.add(stmt(s, f));
    }
    return out;
  }

  private static Stmt stmt(Stmt s, UnaryOperator<Expr> f) {
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(var(a.target(), f), expr(a.value(), f), a.declare());
    }
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(var(d.target(), f), d.javaType());
    }
    if (s instanceof Stmt.ArrayWrite w) {
      return new Stmt.ArrayWrite(var(w.array(), f), expr(w.index(), f), expr(w.value(), f));
    }
    if (s instanceof Stmt.If i) {
      return new Stmt.If(expr(i.condition(), f), stmts(i.thenBody(), f), stmts(i.elseBody(), f));
    }
    if (s instanceof Stmt.While w) {
      return new Stmt.While(expr(w.condition(), f), stmts(w.body(), f));
    }
    if (s instanceof Stmt.Block b) {
      return new Stmt.Block(stmts(b.body(), f));
    }
    if (s instanceof Stmt.Effect e) {
      return new Stmt.Effect((Expr.PrimalCall) expr(e.call(), f));
    }
    if (s instanceof Stmt.Return r) {
      return new Stmt.Return(expr(r.value(), f));
    }
    if (s instanceof Stmt.Save v) {
      return new Stmt.Save(var(v.residual(), f), expr(v.value(), f));
    }
    if (s instanceof Stmt.Restore r) {
      return new Stmt.Restore(var(r.residual(), f));
    }
    if (s instanceof Stmt.Push p) {
      return new Stmt.Push(expr(p.value(), f), p.type(), p.tape());
    }
    if (s instanceof Stmt.Pop p) {
      return new Stmt.Pop(var(p.target(), f), p.pullbackOf(), p.reader());
    }
    if (s instanceof Stmt.Repeat r) {
      return new Stmt.Repeat(var(r.counter(), f), expr(r.from(), f), expr(r.downTo(), f), stmts(r.body(), f));
    }
    if (s instanceof Stmt.Accumulate a) {
      return new Stmt.Accumulate(var(a.target(), f), a.index() == null ? null : expr(a.index(), f),
          expr(a.value(), f), a.subtract());
    }
    if (s instanceof Stmt.CallRecord c) {
      return new Stmt.CallRecord(var(c.record(), f), vars(c.leaves(), f), (Expr.Call) expr(c.call(), f));
    }
    if (s instanceof Stmt.Linearize l) {
      return new Stmt.Linearize(var(l.pullback(), f), vars(l.results(), f), l.declare(), l.callee(),
          exprs(l.args(), f));
    }
    if (s instanceof Stmt.PullBack p) {
      return new Stmt.PullBack(var(p.pullback(), f), var(p.gradient(), f), p.callee(), vars(p.cotangents(), f),
          vars(p.argCotangents(), f));
    }
    if (s instanceof Stmt.NewTape) {
      return s;
    }
    Stmt.CheckLength c = (Stmt.CheckLength) s;
    return new Stmt.CheckLength(expr(c.primal(), f), var(c.tangent(), f));
  }

  /** A local rewritten where it is assigned: {@code f} must map it to a local again. */
  private static Expr.Var var(Expr.Var v, UnaryOperator<Expr> f) {
    return (Expr.Var) expr(v, f);
  }

  /** Locals rewritten by {@link #var}, a null (no local) kept. */
  private static List<Expr.Var> vars(List<Expr.Var> in, UnaryOperator<Expr> f) {
    List<Expr.Var> out = new ArrayList<>(in.size());
    in.forEach(v -> out.add(v == null ? null : var(v, f)));
    return out;
  }

  /** The statement lists nested directly in {@code s}: branches, loop bodies, blocks. */
  public static List<List<Stmt>> bodies(Stmt s) {
    if (s instanceof Stmt.If i) {
      return List.of(i.thenBody(), i.elseBody());
    }
    if (s instanceof Stmt.While w) {
      return List.of(w.body());
    }
    if (s instanceof Stmt.Block b) {
      return List.of(b.body());
    }
    if (s instanceof Stmt.Repeat r) {
      return List.of(r.body());
    }
    return List.of();
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
    for (Stmt s : body) {
      if (test.test(s) || bodies(s).stream().anyMatch(inner -> anyMatch(inner, test))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code s} with the statement lists nested directly in it passed through {@code inner}: the
   * rebuilding step of a transform that changes some statements wherever they are nested.
   */
  public static Stmt withBodies(Stmt s, UnaryOperator<List<Stmt>> inner) {
    if (s instanceof Stmt.If i) {
      return new Stmt.If(i.condition(), inner.apply(i.thenBody()), inner.apply(i.elseBody()));
    }
    if (s instanceof Stmt.While w) {
      return new Stmt.While(w.condition(), inner.apply(w.body()));
    }
    if (s instanceof Stmt.Block b) {
      return new Stmt.Block(inner.apply(b.body()));
    }
    if (s instanceof Stmt.Repeat r) {
      return new Stmt.Repeat(r.counter(), r.from(), r.downTo(), inner.apply(r.body()));
    }
    return s;
  }

  /**
   * The locals {@code s} itself assigns, not those of the statements nested in it: an assignment's
   * target, a call's results, a record call's leaves.
   */
  public static List<Expr.Var> assigned(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      return List.of(a.target());
    }
    if (s instanceof Stmt.Linearize l) {
      return l.results();
    }
    if (s instanceof Stmt.CallRecord c) {
      return c.leaves();
    }
    return List.of();
  }

  /**
   * The expressions {@code s} evaluates itself, in evaluation order: not the locals it writes, nor
   * the expressions of the statements nested in it.
   */
  public static List<Expr> operands(Stmt s) {
    List<Expr> out = new ArrayList<>();
    if (s instanceof Stmt.Assign a) {
      out.add(a.value());
    } else if (s instanceof Stmt.ArrayWrite w) {
      out.addAll(List.of(w.index(), w.value()));
    } else if (s instanceof Stmt.If i) {
      out.add(i.condition());
    } else if (s instanceof Stmt.While w) {
      out.add(w.condition());
    } else if (s instanceof Stmt.Effect e) {
      out.add(e.call());
    } else if (s instanceof Stmt.Return r) {
      out.add(r.value());
    } else if (s instanceof Stmt.Save v) {
      out.add(v.value());
    } else if (s instanceof Stmt.Push p) {
      out.add(p.value());
    } else if (s instanceof Stmt.Repeat r) {
      out.add(r.from());
      out.add(r.downTo());
    } else if (s instanceof Stmt.Accumulate a) {
      out.add(a.index());
      out.add(a.value());
    } else if (s instanceof Stmt.CallRecord c) {
      out.add(c.call());
    } else if (s instanceof Stmt.Linearize l) {
      out.addAll(l.args());
    } else if (s instanceof Stmt.CheckLength c) {
      out.add(c.primal());
    }
    out.removeIf(Objects::isNull); // a bare return, an accumulation into a whole local
    return out;
  }

  /** The linear statement lists nested directly in {@code l}: branches, loop bodies, blocks. */
  public static List<List<Linear>> bodies(Linear l) {
    if (l instanceof Linear.If i) {
      return List.of(i.thenBody(), i.elseBody());
    }
    if (l instanceof Linear.While w) {
      return List.of(w.body());
    }
    if (l instanceof Linear.Block b) {
      return List.of(b.body());
    }
    return List.of();
  }

  /** {@code l} with the linear statement lists nested directly in it passed through {@code inner}. */
  public static Linear withBodies(Linear l, UnaryOperator<List<Linear>> inner) {
    if (l instanceof Linear.If i) {
      return new Linear.If(i.condition(), inner.apply(i.thenBody()), inner.apply(i.elseBody()));
    }
    if (l instanceof Linear.While w) {
      return new Linear.While(w.condition(), inner.apply(w.body()));
    }
    if (l instanceof Linear.Block b) {
      return new Linear.Block(inner.apply(b.body()));
    }
    return l;
  }

  /** Visits every statement of a linear program, each before the statements nested in it. */
  public static void forEachLinear(List<Linear> program, Consumer<Linear> visit) {
    for (Linear l : program) {
      visit.accept(l);
      bodies(l).forEach(inner -> forEachLinear(inner, visit));
    }
  }
}

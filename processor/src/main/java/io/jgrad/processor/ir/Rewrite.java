package io.jgrad.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Rebuilds IR bottom-up through a function applied to every expression node after its children
 * (renaming locals, replacing constants): the one structural walk that rewriting passes share.
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
      return new Stmt.Assign((Expr.Var) expr(a.target(), f), expr(a.value(), f), a.declare());
    }
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare((Expr.Var) expr(d.target(), f));
    }
    if (s instanceof Stmt.ArrayWrite w) {
      return new Stmt.ArrayWrite((Expr.Var) expr(w.array(), f), expr(w.index(), f), expr(w.value(), f));
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
    throw new IllegalArgumentException("unknown statement " + s);
  }
}

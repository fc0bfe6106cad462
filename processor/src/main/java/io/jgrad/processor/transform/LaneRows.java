package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Lane;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Arrays given per lane in a lowered lane: each read moved to the lane's row of the kernel's flat
 * array, and in a gradient lane the tangent rows of the parameters replaced by the one element a pass
 * seeds. Runs on the final program, after the rules are expanded, when every read of such an array
 * is by the parameter's name (KernelForm makes an inlined callee's array parameter that name).
 */
final class LaneRows {
  private LaneRows() {}

  /** A tangent row seeded one element at a time: element i is one in pass {@code first + i}, else zero. */
  record Seeded(Expr first, Expr.Var length) {}

  /** {@code program} reading each array of {@code rows} at the lane's row: {@code x[i]} → {@code x[start + i]}. */
  static List<Linear> place(List<Linear> program, Map<String, Lane.Row> rows) {
    UnaryOperator<Expr> f = e -> {
      if (e instanceof Expr.ArrayRead r && r.array() instanceof Expr.Var v && rows.containsKey(v.name())) {
        return new Expr.ArrayRead(v, at(rows.get(v.name()), r.index()), r.type());
      }
      if (e instanceof Expr.ArrayLength n && n.array() instanceof Expr.Var v && rows.containsKey(v.name())) {
        return rows.get(v.name()).length();
      }
      return e;
    };
    return walk(program, f, t -> new Linear.Tangent(t.target(), t.primal(), t.terms().stream().map(term -> {
      Expr index = term.index() == null ? null : Rewrite.expr(term.index(), f);
      Lane.Row row = rows.get(term.source().name());
      return new Linear.Term(term.factor() == null ? null : Rewrite.expr(term.factor(), f), term.divide(),
          term.negate(), term.source(), index != null && row != null ? at(row, index) : index);
    }).toList(), t.declare()));
  }

  /**
   * {@code program} with each tangent row of {@code seeded} read as the pass {@code seed} seeds it:
   * {@code xDot[i]} → {@code seed == first + i ? 1 : 0}; a tangent that reads one becomes a plain
   * assignment of its sum, since the element is no longer a local's.
   */
  static List<Linear> oneHot(List<Linear> program, Map<String, Seeded> seeded, Expr.Var seed) {
    UnaryOperator<Expr> f = e -> {
      if (e instanceof Expr.ArrayRead r && r.array() instanceof Expr.Var v && seeded.containsKey(v.name())) {
        Expr slot = sum(seeded.get(v.name()).first(), r.index());
        Type t = r.type();
        return new Expr.Conditional(Exprs.compare(Expr.BinaryOp.EQ, seed, slot), Exprs.lit(t, 1), Exprs.lit(t, 0), t);
      }
      if (e instanceof Expr.ArrayLength n && n.array() instanceof Expr.Var v && seeded.containsKey(v.name())) {
        return seeded.get(v.name()).length();
      }
      return e;
    };
    return walk(program, f, t -> t.terms().stream().anyMatch(term -> seeded.containsKey(term.source().name()))
        ? new Linear.Primal(new Stmt.Assign(t.target(), Rewrite.expr(t.value(), f), t.declare()))
        : new Linear.Tangent(t.target(), t.primal(), t.terms().stream().map(term -> new Linear.Term(
            term.factor() == null ? null : Rewrite.expr(term.factor(), f), term.divide(), term.negate(),
            term.source(), term.index() == null ? null : Rewrite.expr(term.index(), f))).toList(), t.declare()));
  }

  /** {@code a + b} of ints, a zero dropped. */
  static Expr sum(Expr a, Expr b) {
    return Exprs.isZero(a) ? b : Exprs.isZero(b) ? a : new Expr.Binary(Expr.BinaryOp.ADD, a, b, Type.INT);
  }

  /** Element {@code index} of the lane's row. */
  private static Expr at(Lane.Row row, Expr index) {
    return sum(row.start(), index);
  }

  /** {@code program} with every expression through {@code f} and every tangent through {@code tangent}. */
  private static List<Linear> walk(List<Linear> program, UnaryOperator<Expr> f,
      java.util.function.Function<Linear.Tangent, Linear> tangent) {
    return program.stream().map(l -> {
      if (l instanceof Linear.Primal p) {
        return new Linear.Primal(Rewrite.stmts(List.of(p.stmt()), f).get(0));
      } else if (l instanceof Linear.Tangent t) {
        return tangent.apply(t);
      } else if (l instanceof Linear.If i) {
        return new Linear.If(Rewrite.expr(i.condition(), f), walk(i.thenBody(), f, tangent),
            walk(i.elseBody(), f, tangent));
      } else if (l instanceof Linear.While w) {
        return new Linear.While(Rewrite.expr(w.condition(), f), walk(w.body(), f, tangent));
      } else if (l instanceof Linear.Block b) {
        return new Linear.Block(walk(b.body(), f, tangent));
      } else if (l instanceof Linear.Return r) {
        return new Linear.Return(Rewrite.expr(r.value(), f), r.tangent());
      } else if (l instanceof Linear.RecordReturn r) {
        return new Linear.RecordReturn((Expr.RecordValue) Rewrite.expr(r.value(), f), r.tangents());
      } else if (l instanceof Linear.DeclareTangent || l instanceof Linear.TangentArray) {
        return l;
      } else if (l instanceof Linear.TangentWrite w) {
        return new Linear.TangentWrite(w.target(), Rewrite.expr(w.index(), f), w.source());
      }
      // Calls are expanded before: a lane holds nothing else.
      throw new IllegalStateException("a kernel lane cannot hold " + l);
    }).toList();
  }
}

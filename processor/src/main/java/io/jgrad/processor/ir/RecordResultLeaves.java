package io.jgrad.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * The leaf functions {@code f_flat_<leaf>} of a function with a record result: {@code f_flat}'s body
 * returning one leaf of the record, a number function of numbers whose tangent functions a caller's
 * derivative call ({@code fJvp(x, v).tangent().a()}) goes through. Made for plain bodies of order 2
 * and above with forward mode, number parameters and a record of numbers as result.
 */
public final class RecordResultLeaves {
  private RecordResultLeaves() {}

  /**
   * Whether a flat function {@code flat} with the record result {@code shape} has leaf functions at
   * order 2 and above: number parameters, number leaves.
   */
  public static boolean eligible(Callee flat, RecordShape shape) {
    return shape != null && flat.params().stream().allMatch(p -> p.type().isScalar())
        && shape.leaves().stream().allMatch(l -> l.type().isScalar() && l.differentiable());
  }

  /** The leaf function of {@code flat} returning {@code leaf}: {@code f_flat_a}, or {@code f_flat_b_b0}. */
  public static Callee callee(Callee flat, RecordShape.Leaf leaf) {
    return new Callee(flat.ownerQualifiedName(), flat.derivativesQualifiedName(), flat.name() + "_" + leaf.suffix(),
        flat.params(), leaf.type(), true, flat.order());
  }

  /**
   * The leaf functions of the flat plain function {@code f} (its record results inlined), one per
   * leaf of {@code shape}.
   */
  public static List<Function.Plain> of(Function.Plain f, RecordShape shape) {
    List<Function.Plain> out = new ArrayList<>();
    for (int i = 0; i < shape.leaves().size(); i++) {
      int leaf = i;
      List<Stmt> body = returning(f.body(), leaf);
      boolean whole = Rewrite.anyMatch(body, s -> Rewrite.operands(s).stream().anyMatch(
          RecordResultLeaves::hasRecord));
      if (whole) {
        // Records are scalarized and calls of record functions inlined: only a return builds one.
        throw new IllegalStateException(f.signature().name() + " builds a record other than to return it");
      }
      out.add(new Function.Plain(callee(f.signature(), shape.leaves().get(leaf)), body));
    }
    return out;
  }

  /** {@code body} with each {@code return new R(...)} returning leaf {@code leaf} of the record. */
  private static List<Stmt> returning(List<Stmt> body, int leaf) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Return r && r.value() instanceof Expr.RecordValue v) {
        out.add(new Stmt.Return(v.leaves().get(leaf)));
      } else {
        out.add(Rewrite.withBodies(s, inner -> returning(inner, leaf)));
      }
    }
    return out;
  }

  private static boolean hasRecord(Expr e) {
    boolean[] found = {false};
    Rewrite.expr(e, x -> {
      found[0] |= x instanceof Expr.RecordValue;
      return x;
    });
    return found[0];
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The tangent program of {@code y = f.value(x)} through a {@code DiffFnN} called with one array, as
 * code differentiated again: {@code ẏ = Σᵢ f.partial(i).value(x)·ẋᵢ}, a loop over the array whose
 * terms call the object's partials, so that the next order goes through each partial's own
 * {@code jvp} (objects of functions compiled with order n have partials to the n-th derivative;
 * others throw at run time, naming the fix).
 */
final class VectorObjectTangent {
  private VectorObjectTangent() {}

  /** {@code y = output.value(x)}, then {@code ẏ} as the loop over the partials (zero without {@code ẋ}). */
  static List<Stmt> of(Linear.Call c, Callee output) {
    Callee g = c.callee();
    Expr x = c.args().get(0);
    Expr.Var xDot = c.argTangents().get(0);
    Expr.Var yDot = c.resultDot();
    List<Stmt> out = new ArrayList<>();
    out.add(new Stmt.Assign(c.result(), new Expr.Call(output, c.args(), Type.DOUBLE), c.declare()));
    out.add(new Stmt.Assign(yDot, Exprs.lit(Type.DOUBLE, 0), c.declare()));
    if (xDot == null) {
      return out;
    }
    // Named after the tangent it sums into, which is unique in the program.
    Expr.Var i = new Expr.Var(yDot.name() + "Index", Type.INT);
    Callee partial = g.withReceiver(g.receiver() + ".partial(" + i.name() + ")");
    Expr term = Exprs.prim(Primitive.MUL, new Expr.Call(partial, c.args(), Type.DOUBLE),
        new Expr.ArrayRead(xDot, i, Type.DOUBLE));
    out.add(new Stmt.Block(List.of(new Stmt.Assign(i, Exprs.lit(Type.INT, 0), true),
        new Stmt.While(Exprs.compare(Expr.BinaryOp.LT, i, new Expr.ArrayLength(x)),
            List.of(new Stmt.Assign(yDot, Exprs.prim(Primitive.ADD, yDot, term), false),
                new Stmt.Assign(i, Exprs.plus(i, 1), false))))));
    return out;
  }
}

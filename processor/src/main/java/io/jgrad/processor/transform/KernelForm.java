package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Lane;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.List;

/**
 * What Aparapi can translate: no calls out of the class, {@code Math} for {@code StrictMath},
 * constants read into fields, every local name declared once (LaneLocals then declares them all
 * at the lane's top, initialized, and splices nested blocks).
 */
final class KernelForm {
  private KernelForm() {}

  /** {@code body} in kernel form; the static fields it reads join {@code constants}, named by {@code names}. */
  static List<Stmt> of(List<Stmt> body, Names names, List<Lane.Constant> constants, List<Callee.Param> params) {
    List<Stmt> out = Rewrite.stmts(body, e -> {
      if (e instanceof Expr.PrimalCall c) {
        throw new NotBatchable(c.receiver() + "." + c.method() + "(...) cannot run in a kernel: OpenCL code"
            + " cannot call methods of other classes or print; hint: remove it from the @Batched function"
            + " and the functions it calls", c.method());
      }
      if (e instanceof Expr.Prim prim && prim.strict()) {
        return new Expr.Prim(prim.primitive(), prim.args(), prim.type(), false);
      }
      Expr withoutDoubleMinus = NoDoubleMinus.of(e);
      if (withoutDoubleMinus != e) {
        return withoutDoubleMinus;
      }
      if (e instanceof Expr.StaticField f) {
        String source = f.owner() + "." + f.name();
        for (Lane.Constant c : constants) {
          if (c.source().equals(source)) {
            return new Expr.Var(c.name(), f.type());
          }
        }
        String name = names.fresh(f.name());
        constants.add(new Lane.Constant(name, f.type(), source));
        return new Expr.Var(name, f.type());
      }
      return e;
    });
    return new ScopedRenamer(names, params).stmts(out);
  }
}

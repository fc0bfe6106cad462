package io.jgrad.processor;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which values generated code may skip computing when nothing reads them: those whose calls have
 * no effect. A call is pure when its body (the primal, for a function with a custom rule) is known
 * here and neither prints nor calls anything that could; a function compiled elsewhere is not.
 */
final class Purity {
  private final java.util.function.Function<Callee, Function> bodies;
  private final Map<String, Boolean> known = new HashMap<>();

  Purity(java.util.function.Function<Callee, Function> bodies) {
    this.bodies = bodies;
  }

  /** Whether computing {@code e} and dropping the result loses nothing. */
  boolean removable(Expr e) {
    return !Exprs.any(e, x -> x instanceof Expr.PrimalCall || x instanceof Expr.Call c && !pure(c.callee()));
  }

  private boolean pure(Callee c) {
    String key = c.key();
    Boolean cached = known.get(key);
    if (cached != null) {
      return cached;
    }
    known.put(key, false); // a cycle (rejected elsewhere) counts as impure
    Function f = bodies.apply(c);
    boolean pure = f != null && pure(f.body());
    known.put(key, pure);
    return pure;
  }

  private boolean pure(List<Stmt> body) {
    // Any other statement (an effect, an array write) is kept for its effect.
    return !Rewrite.anyMatch(body, s -> !(s instanceof Stmt.Assign || s instanceof Stmt.Declare
        || s instanceof Stmt.If || s instanceof Stmt.While || s instanceof Stmt.Block || s instanceof Stmt.Return)
        || !Rewrite.operands(s).stream().allMatch(this::removable));
  }
}

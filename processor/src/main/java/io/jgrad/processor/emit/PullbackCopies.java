package io.jgrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Reverse;
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
 * A public {@code fVjp}'s copies of the array parameters its pullback reads: the pullback runs
 * later, so it reads each array as it was at the {@code fVjp} call, as {@code jax.vjp} does, not
 * as the caller has changed it in place since (an optimizer step, say).
 */
record PullbackCopies(Reverse placed, CodeBlock copies) {

  /**
   * {@code placed} with its backward sweep reading a copy of each array parameter of {@code sig}
   * whose elements it reads, and the declarations of those copies, taken after the forward sweep
   * (what the backward sweep expects to find there) and before the pullback is returned.
   */
  static PullbackCopies of(Reverse placed, Callee sig) {
    Set<String> read = elementsRead(placed.backward());
    List<Stmt> body = new ArrayList<>(placed.forward());
    body.addAll(placed.backward());
    Names names = Names.of(sig.paramNames(), body);
    Map<String, String> copyOf = new HashMap<>();
    CodeBlock.Builder copies = CodeBlock.builder();
    for (Callee.Param p : sig.params()) {
      if (p.type().isArray() && read.contains(p.name())) {
        String copy = names.fresh(p.name() + "AtCall");
        copyOf.put(p.name(), copy);
        copies.addStatement("$T $L = $L.clone()", DerivativesEmitter.typeName(p.type()), copy, p.name());
      }
    }
    if (copyOf.isEmpty()) {
      return new PullbackCopies(placed, copies.build());
    }
    List<Stmt> backward = Rewrite.stmts(placed.backward(),
        e -> e instanceof Expr.Var v && copyOf.containsKey(v.name()) ? new Expr.Var(copyOf.get(v.name()), v.type()) : e);
    return new PullbackCopies(new Reverse(placed.forward(), backward, placed.value(), placed.gradient(),
        placed.usesTape()), copies.build());
  }

  /** The locals {@code body} reads other than through their length (which an array keeps). */
  private static Set<String> elementsRead(List<Stmt> body) {
    Set<String> read = new HashSet<>();
    List<Stmt> withoutLengths = Rewrite.stmts(body, e -> e instanceof Expr.ArrayLength l
        && l.array() instanceof Expr.Var ? new Expr.Const(Type.INT, 0) : e);
    Rewrite.forEach(withoutLengths, s -> Rewrite.operands(s).forEach(e -> read.addAll(Exprs.vars(e))));
    return read;
  }
}

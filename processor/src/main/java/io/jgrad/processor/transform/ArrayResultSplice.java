package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code T[] target = g(args)}: g's body renamed apart, its array parameters reading the arguments'
 * arrays and the array local it returns declared as {@code target}, so that no array is ever held by
 * two locals.
 */
final class ArrayResultSplice implements ResultSplice {
  @Override
  public List<Stmt> splice(Stmt site, Expr.Call call, Callee sig, List<Stmt> body, Names names) {
    Stmt.Assign a = (Stmt.Assign) site;
    ParameterAliases spliced = ParameterAliases.of(call, sig, body, a.target().type(), names);
    List<Stmt> out = new ArrayList<>(spliced.statements());
    if (spliced.result() instanceof Expr.Var local) {
      // The array g creates is the caller's from the start.
      spliced.aliases().put(local.name(), a.target().name());
    } else {
      out.add(new Stmt.Assign(a.target(), spliced.result(), true));
    }
    requireDeclared(a);
    return spliced.renamed(out);
  }

  /** An array local is declared with its value: the caller's target is the callee's new array. */
  private static void requireDeclared(Stmt.Assign a) {
    if (!a.declare()) {
      throw new IllegalStateException("the array local " + a.target().name() + " assigned again passed the checks");
    }
  }
}

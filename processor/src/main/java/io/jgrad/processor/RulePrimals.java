package io.jgrad.processor;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import java.util.Collection;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Settles which functions of this round get {@code fRulePrimal} ({@link Callee#rulePrimal}): those of
 * order 2 with a {@code @CustomJvp} {@code jvp} rule or calls through function objects, and those of
 * order 2 that call one, directly or through others (compiled ones included, whose generated class
 * says). Their signatures and every call
 * to them are marked, so that second derivatives read their outputs through the rules' bodies.
 * Functions of this round are marked by what is settled here, not by a generated class an earlier
 * build may have left.
 */
final class RulePrimals {
  private RulePrimals() {}

  /** What marks a function of {@code functions}: its signature and the calls in its body. */
  static UnaryOperator<Function> marker(Collection<Function> functions) {
    Set<String> reaching = CallerPaths.of(functions, f -> {
      // An object may carry a rule: its rulePrimal() says at run time.
      boolean seed = f.signature().order() >= 2
          && (f instanceof Function.JvpRule || f instanceof Function.JvpsRules
              || f instanceof Function.Plain && Calls.throughObjects(f));
      return seed ? f.signature().name() : null;
    }, callee -> callee.rulePrimal() ? callee.name() : null).keySet();
    Set<String> thisRound = new java.util.HashSet<>(functions.stream().map(f -> f.signature().key()).toList());
    UnaryOperator<Callee> mark = c -> thisRound.contains(c.key())
        ? c.withRulePrimal(c.order() >= 2 && reaching.contains(c.key())) : c;
    UnaryOperator<Expr> calls = e -> e instanceof Expr.Call c && !c.callee().isFunctionObject()
        ? new Expr.Call(mark.apply(c.callee()), c.args(), c.type()) : e;
    return f -> f.rewritten(mark.apply(f.signature()), calls);
  }
}

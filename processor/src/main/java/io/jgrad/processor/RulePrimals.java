package io.jgrad.processor;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
    Map<String, Function> thisRound = new HashMap<>();
    functions.forEach(f -> thisRound.put(f.signature().key(), f));
    Map<String, Integer> chains = new HashMap<>();
    for (Function f : functions) {
      chain(f, reaching, thisRound, chains);
    }
    UnaryOperator<Callee> mark = c -> thisRound.containsKey(c.key())
        ? c.withRulePrimals(c.order() >= 2 && reaching.contains(c.key()),
            Math.max(0, Math.min(chains.get(c.key()) - 1, c.order() - 2))) : c;
    UnaryOperator<Expr> calls = e -> e instanceof Expr.Call c && !c.callee().isFunctionObject()
        ? new Expr.Call(mark.apply(c.callee()), c.args(), c.type()) : e;
    return f -> f.rewritten(mark.apply(f.signature()), calls);
  }

  /**
   * How many rule primals {@code f} has in a chain ({@code fRulePrimal}, {@code fRulePrimalRulePrimal},
   * ...) before the next would be the same function: 0 where it reaches no rule, 1 more than its
   * callees' longest for a rule (its rule primal still calls them with their rules), its callees'
   * longest (at least 1) for a body.
   */
  private static int chain(Function f, Set<String> reaching, Map<String, Function> thisRound,
      Map<String, Integer> chains) {
    String key = f.signature().key();
    Integer known = chains.get(key);
    if (known != null) {
      return known;
    }
    chains.put(key, 0); // cycles are rejected before; this only ends the walk
    int below = 0;
    // jvps rules are differentiated above the first order as the one rule they amount to.
    for (Callee c : Calls.of(f instanceof Function.JvpsRules rules ? rules.asOneRule() : f)) {
      if (c.isFunctionObject() || c.key().equals(key)) {
        continue;
      }
      Function callee = thisRound.get(c.key());
      below = Math.max(below, callee != null ? chain(callee, reaching, thisRound, chains)
          : c.rulePrimal() ? 1 + c.deeperRulePrimals() : 0);
    }
    boolean rule = f instanceof Function.JvpRule || f instanceof Function.JvpsRules;
    int length = !reaching.contains(key) ? 0 : rule ? 1 + below : Math.max(1, below);
    chains.put(key, length);
    return length;
  }
}

package io.jgrad.processor.ir;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which locals carry derivatives: those reached, through assignments, from a differentiated parameter. */
public final class Activity {
  private Activity() {}

  public static Set<String> of(List<Stmt> body, List<Callee.Param> wrt) {
    Set<String> active = new LinkedHashSet<>();
    wrt.forEach(p -> active.add(p.name()));
    int before;
    do {
      before = active.size();
      Rewrite.forEach(body, s -> {
        if (s instanceof Stmt.Assign a) {
          reach(a.target(), a.value(), active);
        } else if (s instanceof Stmt.CallRecord c) {
          c.leaves().forEach(leaf -> reach(leaf, c.call(), active));
        } else if (s instanceof Stmt.ArrayWrite w) {
          // An array holding one differentiated element carries derivatives as a whole.
          reach(w.array(), w.value(), active);
        }
      });
    } while (active.size() != before);
    return active;
  }

  /** Makes {@code target} active where it can carry a derivative and {@code value} reads an active local. */
  private static void reach(Expr.Var target, Expr value, Set<String> active) {
    if (target.type().isDifferentiable() && !active.contains(target.name())
        && active.stream().anyMatch(n -> Exprs.mentions(value, n))) {
      active.add(target.name());
    }
  }
}

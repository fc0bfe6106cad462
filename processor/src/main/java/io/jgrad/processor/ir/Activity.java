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
    boolean changed = true;
    while (changed) {
      changed = visit(body, active);
    }
    return active;
  }

  private static boolean visit(List<Stmt> stmts, Set<String> active) {
    boolean changed = false;
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Assign a) {
        if (a.target().type().isDifferentiable() && !active.contains(a.target().name())
            && active.stream().anyMatch(n -> Exprs.mentions(a.value(), n))) {
          active.add(a.target().name());
          changed = true;
        }
      } else if (s instanceof Stmt.ArrayWrite w) {
        // An array holding one differentiated element carries derivatives as a whole.
        if (w.array().type().isDifferentiable() && !active.contains(w.array().name())
            && active.stream().anyMatch(n -> Exprs.mentions(w.value(), n))) {
          active.add(w.array().name());
          changed = true;
        }
      } else if (s instanceof Stmt.If f) {
        changed |= visit(f.thenBody(), active) | visit(f.elseBody(), active);
      } else if (s instanceof Stmt.While w) {
        changed |= visit(w.body(), active);
      } else if (s instanceof Stmt.Block b) {
        changed |= visit(b.body(), active);
      }
    }
    return changed;
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Reverse;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops the loops that only count, left behind where the statements a loop was for were split off
 * (a rule's tangent writes, out of its primal part): a loop whose body writes only locals that
 * nothing outside it reads, with no call, then the locals only such loops read and a block left
 * declaring only such locals. The
 * statement-level twin of {@link DeadCode}'s loop removal, flow-insensitive like it: a local read
 * anywhere in scope keeps the loop, so a counter read after its loop stays.
 */
final class DeadLoops {
  private DeadLoops() {}

  /** {@code body} without dead loops; {@code readAfter} lists what code outside {@code body} reads. */
  static List<Stmt> drop(List<Stmt> body, Set<String> readAfter) {
    List<Stmt> current = body;
    while (true) {
      List<Stmt> next = once(current, readAfter); // a dropped loop may leave its locals unread
      if (next.equals(current)) {
        return current;
      }
      current = next;
    }
  }

  /**
   * {@code sweeps} with the dead loops of its forward sweep dropped: those of a rule's loops that
   * computed only tangents, which its backward sweep runs backwards on its own. What the backward
   * sweep names (read, written, restored, pulled back), the value and the gradient stay.
   */
  static Reverse forwardSweep(Reverse sweeps) {
    Set<String> readAfter = new HashSet<>();
    Rewrite.stmts(sweeps.backward(), e -> {
      if (e instanceof Expr.Var v) {
        readAfter.add(v.name());
      }
      return e;
    });
    if (sweeps.value() != null) {
      readAfter.addAll(Exprs.vars(sweeps.value()));
    }
    sweeps.gradient().forEach(g -> readAfter.add(g.name()));
    List<Stmt> forward = drop(sweeps.forward(), readAfter);
    return forward.equals(sweeps.forward()) ? sweeps
        : new Reverse(forward, sweeps.backward(), sweeps.value(), sweeps.gradient(), sweeps.usesTape());
  }

  private static List<Stmt> once(List<Stmt> body, Set<String> readAfter) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      Set<String> outside = new HashSet<>(readAfter);
      body.stream().filter(o -> o != s).forEach(o -> reads(List.of(o), outside));
      if (s instanceof Stmt.While w && pure(List.of(w)) && writes(w.body()).stream().noneMatch(outside::contains)
          || s instanceof Stmt.Repeat r && r.body().isEmpty() && !calls(r.from()) && !calls(r.downTo())
          || s instanceof Stmt.If f && f.thenBody().isEmpty() && f.elseBody().isEmpty() && !calls(f.condition())) {
        continue;
      }
      if (unread(s, body, outside)) {
        continue;
      }
      if (s instanceof Stmt.Block b) {
        Set<String> declared = declared(b.body());
        outside.removeAll(declared); // a block's locals are out of scope outside it
        List<Stmt> inner = once(b.body(), outside);
        Set<String> innerReads = new HashSet<>();
        reads(inner, innerReads);
        boolean dead = pure(inner) && inner.stream().allMatch(i -> i instanceof Stmt.Assign a && a.declare()
            || i instanceof Stmt.Declare) && declared.stream().noneMatch(innerReads::contains);
        if (!dead) {
          out.add(new Stmt.Block(inner));
        }
      } else {
        out.add(Rewrite.withBodies(s, inner -> once(inner, outside)));
      }
    }
    return out;
  }

  /**
   * Whether {@code s} declares a local, with no call, that nothing in scope reads or writes again
   * (what a dropped loop alone read, a rule's tangent sum).
   */
  private static boolean unread(Stmt s, List<Stmt> body, Set<String> outside) {
    if (!(s instanceof Stmt.Assign a && a.declare() && !calls(a.value()) || s instanceof Stmt.Declare)) {
      return false;
    }
    String name = declared(List.of(s)).iterator().next();
    return !outside.contains(name)
        && body.stream().filter(o -> o != s).noneMatch(o -> writes(List.of(o)).contains(name));
  }

  /** Whether {@code body} only computes locals: no call, no write into an array, no return. */
  private static boolean pure(List<Stmt> body) {
    boolean[] pure = {true};
    Rewrite.forEach(body, s -> {
      boolean shape = s instanceof Stmt.Assign || s instanceof Stmt.Declare || s instanceof Stmt.While
          || s instanceof Stmt.If || s instanceof Stmt.Block;
      pure[0] &= shape && Rewrite.operands(s).stream().noneMatch(DeadLoops::calls);
    });
    return pure[0];
  }

  private static boolean calls(Expr e) {
    return Exprs.any(e, x -> x instanceof Expr.Call || x instanceof Expr.PrimalCall || x instanceof Expr.Lambda);
  }

  private static Set<String> writes(List<Stmt> body) {
    Set<String> out = new HashSet<>();
    Rewrite.forEach(body, s -> {
      Rewrite.assigned(s).forEach(v -> out.add(v.name()));
      Expr.Var into = s instanceof Stmt.ArrayWrite w ? w.array() : s instanceof Stmt.Accumulate a ? a.target()
          : s instanceof Stmt.Pop p ? p.target() : s instanceof Stmt.Save v ? v.residual() : null;
      if (into != null) {
        out.add(into.name());
      }
    });
    return out;
  }

  private static Set<String> declared(List<Stmt> body) {
    Set<String> out = new HashSet<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a && a.declare()) {
        out.add(a.target().name());
      } else if (s instanceof Stmt.Declare d) {
        out.add(d.target().name());
      }
    }
    return out;
  }

  /** Adds the locals {@code body} reads, nested statements included, to {@code read}. */
  static void reads(List<Stmt> body, Set<String> read) {
    Rewrite.forEach(body, s -> Rewrite.operands(s).forEach(e -> read.addAll(Exprs.vars(e))));
  }
}

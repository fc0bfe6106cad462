package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Reverse;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The sweeps of {@code fGrad}, which never returns the value: {@code fVjp}'s placed sweeps without
 * the forward statements only the value needed (a {@code jvp} rule's pure call of its primal, a loop
 * summing the value whose backward trips compute again what they need). Live locals are found from
 * what the backward sweep reads, so a local that only feeds itself (a sum) is dead with its loop.
 */
public final class GradientSweeps {
  private GradientSweeps() {}

  /** {@code placed} without dead assignments whose value {@code removable} accepts, emptied loops and branches. */
  public static Reverse of(Reverse placed, Predicate<Expr> removable) {
    Set<String> live = new HashSet<>();
    reads(placed.backward(), live);
    placed.gradient().forEach(v -> live.add(v.name()));
    int before;
    do {
      before = live.size();
      mark(placed.forward(), live, removable);
    } while (live.size() != before);
    // Declarations stay until it is known whether a kept statement assigns their local.
    List<Stmt> kept = sweep(placed.forward(),
        s -> isLive(s, live, removable) || (s instanceof Stmt.Assign a && a.declare()) ? s : null);
    Set<String> assigned = new HashSet<>();
    Rewrite.forEach(kept, s -> {
      // A declaration whose value is dead assigns nothing that needs it.
      if (!(s instanceof Stmt.Assign a && a.declare() && !live.contains(a.target().name()))) {
        Rewrite.assigned(s).forEach(v -> assigned.add(v.name()));
      }
    });
    List<Stmt> forward = sweep(kept, s -> {
      if (s instanceof Stmt.Declare d && !assigned.contains(d.target().name())) {
        return null;
      }
      if (s instanceof Stmt.Assign a && a.declare() && !isLive(s, live, removable)) {
        // A dead value, but a kept statement assigns the local later: declared without it.
        return assigned.contains(a.target().name()) ? new Stmt.Declare(a.target(), null) : null;
      }
      return s;
    });
    return new Reverse(forward, placed.backward(), placed.value(), placed.gradient(), placed.usesTape());
  }

  /** Adds to {@code live} what the live statements of {@code body} read. */
  private static void mark(List<Stmt> body, Set<String> live, Predicate<Expr> removable) {
    for (Stmt s : body) {
      if (isLive(s, live, removable)) {
        Rewrite.operands(s).forEach(e -> vars(e, live));
        if (s instanceof Stmt.ArrayWrite w) {
          live.add(w.array().name());
        }
      }
      Rewrite.bodies(s).forEach(inner -> mark(inner, live, removable));
    }
  }

  /**
   * Whether {@code s} must run: an assignment to a live local or of a value with an effect, a
   * write into a live array, a branch or loop holding such a statement, and any other statement.
   */
  private static boolean isLive(Stmt s, Set<String> live, Predicate<Expr> removable) {
    if (s instanceof Stmt.Assign a) {
      return live.contains(a.target().name()) || !removable.test(a.value());
    }
    if (s instanceof Stmt.ArrayWrite w) {
      return live.contains(w.array().name()) || !removable.test(w.value()) || !removable.test(w.index());
    }
    if (s instanceof Stmt.If || s instanceof Stmt.While || s instanceof Stmt.Block) {
      return !Rewrite.operands(s).stream().allMatch(removable)
          || Rewrite.bodies(s).stream().anyMatch(inner -> inner.stream().anyMatch(t -> isLive(t, live, removable)));
    }
    return true;
  }

  /** {@code body} with each statement replaced by what {@code kept} makes of it, none where it gives null. */
  static List<Stmt> sweep(List<Stmt> body, UnaryOperator<Stmt> kept) {
    return body.stream().map(kept).filter(Objects::nonNull)
        .map(k -> Rewrite.withBodies(k, inner -> sweep(inner, kept))).toList();
  }

  /**
   * The forward sweep's locals {@code body} reads: all it mentions but what an assignment only
   * writes, and not the locals it declares itself (a backward trip's values computed again, its
   * counter), which shadow nothing visible there.
   */
  private static void reads(List<Stmt> body, Set<String> read) {
    Set<String> declared = new HashSet<>();
    Rewrite.forEach(body, s -> {
      if (s instanceof Stmt.Assign a && a.declare()) {
        declared.add(a.target().name());
      } else if (s instanceof Stmt.Repeat r) {
        declared.add(r.counter().name());
      }
      if (s instanceof Stmt.Assign || !Rewrite.bodies(s).isEmpty()) {
        Rewrite.operands(s).forEach(e -> vars(e, read));
      } else {
        Rewrite.stmts(List.of(s), e -> {
          vars(e, read);
          return e;
        });
      }
    });
    read.removeAll(declared);
  }

  private static void vars(Expr e, Set<String> read) {
    Rewrite.expr(e, node -> {
      if (node instanceof Expr.Var v) {
        read.add(v.name());
      } else if (node instanceof Expr.Lambda l) {
        read.addAll(l.captured());
      }
      return node;
    });
  }
}

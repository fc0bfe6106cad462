package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Reverse;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The sweeps of {@code fGrad}, which never returns the value: {@code fVjp}'s placed sweeps without
 * the forward statements only the value needed (a {@code jvp} rule's pure call of its primal, say).
 * Flow-insensitive, like {@link DeadCode}: a local read anywhere stays.
 */
public final class GradientSweeps {
  private GradientSweeps() {}

  /** {@code placed} without dead assignments whose value {@code removable} accepts, and their declarations. */
  public static Reverse of(Reverse placed, Predicate<Expr> removable) {
    List<Stmt> forward = placed.forward();
    while (true) {
      Set<String> read = new HashSet<>();
      reads(forward, read);
      reads(placed.backward(), read);
      placed.gradient().forEach(v -> read.add(v.name()));
      List<Stmt> next = keep(forward, read, removable);
      Set<String> assigned = new HashSet<>();
      Rewrite.forEach(next, s -> {
        if (s instanceof Stmt.Assign a) {
          assigned.add(a.target().name());
        }
      });
      next = withoutDeclarations(next, read, assigned);
      if (next.equals(forward)) {
        return new Reverse(forward, placed.backward(), placed.value(), placed.gradient(), placed.usesTape());
      }
      forward = next;
    }
  }

  private static List<Stmt> keep(List<Stmt> body, Set<String> read, Predicate<Expr> removable) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a && !read.contains(a.target().name()) && removable.test(a.value())) {
        continue;
      }
      out.add(Rewrite.withBodies(s, inner -> keep(inner, read, removable)));
    }
    return out;
  }

  private static List<Stmt> withoutDeclarations(List<Stmt> body, Set<String> read, Set<String> assigned) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d && !read.contains(d.target().name()) && !assigned.contains(d.target().name())) {
        continue;
      }
      out.add(Rewrite.withBodies(s, inner -> withoutDeclarations(inner, read, assigned)));
    }
    return out;
  }

  /** The locals {@code body} reads: all it mentions but what an assignment or a declaration only writes. */
  private static void reads(List<Stmt> body, Set<String> read) {
    Rewrite.forEach(body, s -> {
      if (s instanceof Stmt.Assign a) {
        vars(a.value(), read);
      } else if (s instanceof Stmt.If i) {
        vars(i.condition(), read);
      } else if (s instanceof Stmt.While w) {
        vars(w.condition(), read);
      } else if (s instanceof Stmt.Repeat r) {
        read.add(r.counter().name());
        vars(r.times(), read);
      } else if (!(s instanceof Stmt.Declare) && !(s instanceof Stmt.Block)) {
        Rewrite.stmts(List.of(s), e -> {
          vars(e, read);
          return e;
        });
      }
    });
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

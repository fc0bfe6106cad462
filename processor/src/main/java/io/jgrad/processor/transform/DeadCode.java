package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes assignments to locals that nothing reads, until none is left: a gradient kernel then
 * skips the primal output a custom rule computes but the gradient never uses ({@code log1pexp}'s
 * {@code log}). Flow-insensitive, so a local read anywhere stays; only for programs without side
 * effects (kernels).
 */
public final class DeadCode {
  private DeadCode() {}

  /** {@code program} without dead assignments; {@code valueLive} says whether the final value is an output. */
  public static List<Linear> eliminate(List<Linear> program, boolean valueLive) {
    return eliminate(program, valueLive, Set.of());
  }

  /** The same, with {@code outputs} read after the program (the other tangents of a vector program). */
  public static List<Linear> eliminate(List<Linear> program, boolean valueLive, Set<String> outputs) {
    return eliminate(program, valueLive, outputs, value -> true);
  }

  /**
   * The same, dropping a dead assignment only when {@code removable} accepts its value: outside
   * kernels a call may print, and a dead call with an effect must still run.
   */
  public static List<Linear> eliminate(List<Linear> program, boolean valueLive, Set<String> outputs,
      java.util.function.Predicate<Expr> removable) {
    List<Linear> current = program;
    while (true) {
      Set<String> read = new HashSet<>(outputs);
      reads(current, valueLive, read);
      // An assignment kept only for its effect keeps its variable, so the declaration stays too.
      Set<String> live = new HashSet<>(read);
      keptForEffect(current, read, removable, live);
      List<Linear> next = keep(current, live, removable);
      next = deadLoops(next, next, valueLive, outputs, removable);
      if (next.equals(current)) {
        return current;
      }
      current = next;
    }
  }

  /**
   * Drops each loop whose assignments nothing outside it reads (a counter and what the dropped
   * statements left): Aparapi cannot translate some loops emptied this way, and they compute nothing.
   */
  private static List<Linear> deadLoops(List<Linear> program, List<Linear> whole, boolean valueLive,
      Set<String> outputs, java.util.function.Predicate<Expr> removable) {
    List<Linear> out = new ArrayList<>();
    for (Linear l : program) {
      if (l instanceof Linear.While w) {
        Set<String> assigned = new HashSet<>();
        assigns(w.body(), assigned);
        Set<String> readElsewhere = new HashSet<>(outputs);
        reads(without(whole, w), valueLive, readElsewhere);
        if (assigned.stream().noneMatch(readElsewhere::contains) && pure(w.body(), removable)) {
          continue;
        }
        out.add(new Linear.While(w.condition(), deadLoops(w.body(), whole, valueLive, outputs, removable)));
      } else if (l instanceof Linear.If f) {
        List<Linear> thenBody = deadLoops(f.thenBody(), whole, valueLive, outputs, removable);
        List<Linear> elseBody = deadLoops(f.elseBody(), whole, valueLive, outputs, removable);
        if (thenBody.isEmpty() && elseBody.isEmpty() && !hasCall(f.condition())) {
          continue;
        }
        if (thenBody.isEmpty() && !elseBody.isEmpty()) {
          // if (c) {} else {S} compiles to jumps Aparapi cannot structure: if (!c) {S}
          out.add(new Linear.If(new Expr.Unary(Expr.UnaryOp.NOT, f.condition(), f.condition().type()), elseBody,
              List.of()));
        } else {
          out.add(new Linear.If(f.condition(), thenBody, elseBody));
        }
      } else if (l instanceof Linear.Block b) {
        List<Linear> body = deadLoops(b.body(), whole, valueLive, outputs, removable);
        if (!body.isEmpty()) {
          out.add(new Linear.Block(body));
        }
      } else {
        out.add(l);
      }
    }
    return out;
  }

  private static boolean hasCall(Expr e) {
    return e instanceof Expr.Call || e instanceof Expr.PrimalCall || Exprs.children(e).stream().anyMatch(DeadCode::hasCall);
  }

  /** Whether dropping {@code program} loses no effect: no statement kept for its effect, no call that must run. */
  private static boolean pure(List<Linear> program, java.util.function.Predicate<Expr> removable) {
    for (Linear l : program) {
      if (l instanceof Linear.Primal p && (p.stmt() instanceof Stmt.Effect
          || p.stmt() instanceof Stmt.Assign a && !removable.test(a.value()))) {
        return false;
      }
      if (l instanceof Linear.Call || l instanceof Linear.If f && !(pure(f.thenBody(), removable)
          && pure(f.elseBody(), removable)) || l instanceof Linear.While w && !pure(w.body(), removable)
          || l instanceof Linear.Block b && !pure(b.body(), removable)) {
        return false;
      }
    }
    return true;
  }

  /** {@code program} without the node {@code gone} (by identity), wherever it is nested. */
  private static List<Linear> without(List<Linear> program, Linear gone) {
    List<Linear> out = new ArrayList<>();
    for (Linear l : program) {
      if (l == gone) {
        continue;
      }
      if (l instanceof Linear.If f) {
        out.add(new Linear.If(f.condition(), without(f.thenBody(), gone), without(f.elseBody(), gone)));
      } else if (l instanceof Linear.While w) {
        out.add(new Linear.While(w.condition(), without(w.body(), gone)));
      } else if (l instanceof Linear.Block b) {
        out.add(new Linear.Block(without(b.body(), gone)));
      } else {
        out.add(l);
      }
    }
    return out;
  }

  private static void assigns(List<Linear> program, Set<String> out) {
    for (Linear l : program) {
      if (l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Assign a) {
        out.add(a.target().name());
      } else if (l instanceof Linear.Primal p && p.stmt() instanceof Stmt.ArrayWrite w) {
        out.add(w.array().name());
      } else if (l instanceof Linear.TangentWrite w) {
        out.add(w.target().name());
      } else if (l instanceof Linear.TangentArray a) {
        out.add(a.target().name());
      } else if (l instanceof Linear.Tangent t) {
        out.add(t.target().name());
      } else if (l instanceof Linear.If f) {
        assigns(f.thenBody(), out);
        assigns(f.elseBody(), out);
      } else if (l instanceof Linear.While w) {
        assigns(w.body(), out);
      } else if (l instanceof Linear.Block b) {
        assigns(b.body(), out);
      }
    }
  }

  private static void keptForEffect(List<Linear> program, Set<String> read,
      java.util.function.Predicate<Expr> removable, Set<String> live) {
    for (Linear l : program) {
      if (l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Assign a && !read.contains(a.target().name())
          && !removable.test(a.value())) {
        live.add(a.target().name());
      } else if (l instanceof Linear.If f) {
        keptForEffect(f.thenBody(), read, removable, live);
        keptForEffect(f.elseBody(), read, removable, live);
      } else if (l instanceof Linear.While w) {
        keptForEffect(w.body(), read, removable, live);
      } else if (l instanceof Linear.Block b) {
        keptForEffect(b.body(), read, removable, live);
      }
    }
  }

  private static List<Linear> keep(List<Linear> program, Set<String> read,
      java.util.function.Predicate<Expr> removable) {
    List<Linear> out = new ArrayList<>();
    for (Linear l : program) {
      if (l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Assign a && !read.contains(a.target().name())
          && removable.test(a.value())) {
        continue;
      }
      if (l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Declare d && !read.contains(d.target().name())) {
        continue;
      }
      if (l instanceof Linear.Tangent t && !read.contains(t.target().name())) {
        continue;
      }
      if (l instanceof Linear.DeclareTangent d && !read.contains(d.target().name())) {
        continue;
      }
      if (l instanceof Linear.TangentWrite w && !read.contains(w.target().name())
          || l instanceof Linear.TangentArray a && !read.contains(a.target().name())) {
        continue;
      }
      if (l instanceof Linear.If f) {
        out.add(new Linear.If(f.condition(), keep(f.thenBody(), read, removable),
            keep(f.elseBody(), read, removable)));
      } else if (l instanceof Linear.While w) {
        out.add(new Linear.While(w.condition(), keep(w.body(), read, removable)));
      } else if (l instanceof Linear.Block b) {
        out.add(new Linear.Block(keep(b.body(), read, removable)));
      } else {
        out.add(l);
      }
    }
    return out;
  }

  private static void reads(List<Linear> program, boolean valueLive, Set<String> read) {
    for (Linear l : program) {
      if (l instanceof Linear.Primal p) {
        if (p.stmt() instanceof Stmt.Assign a) {
          vars(a.value(), read);
        } else if (p.stmt() instanceof Stmt.Effect e) {
          vars(e.call(), read);
        } else if (p.stmt() instanceof Stmt.ArrayWrite w) {
          // A write into a local array is kept while the array is read (the array stays, so does it).
          read.add(w.array().name());
          vars(w.index(), read);
          vars(w.value(), read);
        } else if (!(p.stmt() instanceof Stmt.Declare)) {
          throw new IllegalArgumentException("structured statement inside a primal node: " + p.stmt());
        }
      } else if (l instanceof Linear.TangentWrite w) {
        vars(w.index(), read);
        if (w.source() != null) {
          read.add(w.source().name());
        }
      } else if (l instanceof Linear.TangentArray a) {
        vars(a.length(), read);
      } else if (l instanceof Linear.Tangent t) {
        for (Linear.Term term : t.terms()) {
          read.add(term.source().name());
          if (term.factor() != null) {
            vars(term.factor(), read);
          }
          if (term.index() != null) {
            vars(term.index(), read);
          }
        }
      } else if (l instanceof Linear.If f) {
        vars(f.condition(), read);
        reads(f.thenBody(), valueLive, read);
        reads(f.elseBody(), valueLive, read);
      } else if (l instanceof Linear.While w) {
        vars(w.condition(), read);
        reads(w.body(), valueLive, read);
      } else if (l instanceof Linear.Block b) {
        reads(b.body(), valueLive, read);
      } else if (l instanceof Linear.Return r) {
        if (valueLive) {
          vars(r.value(), read);
        }
        if (r.tangent() != null) {
          read.add(r.tangent().name());
        }
      } else if (l instanceof Linear.RecordReturn r) {
        if (valueLive) {
          vars(r.value(), read);
        }
        r.tangents().stream().filter(java.util.Objects::nonNull).forEach(t -> read.add(t.name()));
      } else if (l instanceof Linear.Call c) {
        c.args().forEach(a -> vars(a, read));
        c.argTangents().forEach(t -> {
          if (t != null) {
            read.add(t.name());
          }
        });
      }
    }
  }

  private static void vars(Expr e, Set<String> read) {
    if (e instanceof Expr.Var v) {
      read.add(v.name());
    }
    Exprs.children(e).forEach(c -> vars(c, read));
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Removes assignments to locals that nothing reads, until none is left: a gradient kernel then
 * skips the primal output a custom rule computes but the gradient never uses ({@code log1pexp}'s
 * {@code log}). Flow-insensitive, so a local read anywhere stays; only for programs without side
 * effects (kernels).
 */
public final class DeadCode {
  private DeadCode() {}

  /**
   * {@code program} without dead assignments; {@code valueLive} says whether the final value is an
   * output, {@code outputs} what else is read after the program (the other tangents of a vector program).
   */
  public static List<Linear> eliminate(List<Linear> program, boolean valueLive, Set<String> outputs) {
    List<Linear> current = program;
    while (true) {
      Set<String> read = new HashSet<>(outputs);
      reads(current, valueLive, read);
      List<Linear> next = keep(current, read);
      next = deadLoops(next, next, valueLive, outputs);
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
      Set<String> outputs) {
    List<Linear> out = new ArrayList<>();
    for (Linear l : program) {
      if (l instanceof Linear.While w) {
        Set<String> assigned = new HashSet<>();
        Rewrite.forEachLinear(w.body(), s -> {
          if (target(s) != null) {
            assigned.add(target(s).name());
          }
        });
        Set<String> readElsewhere = new HashSet<>(outputs);
        reads(without(whole, w), valueLive, readElsewhere);
        if (assigned.stream().noneMatch(readElsewhere::contains) && pure(w.body())) {
          continue;
        }
        out.add(new Linear.While(w.condition(), deadLoops(w.body(), whole, valueLive, outputs)));
      } else if (l instanceof Linear.If f) {
        List<Linear> thenBody = deadLoops(f.thenBody(), whole, valueLive, outputs);
        List<Linear> elseBody = deadLoops(f.elseBody(), whole, valueLive, outputs);
        if (thenBody.isEmpty() && elseBody.isEmpty()
            && !Exprs.any(f.condition(), x -> x instanceof Expr.Call || x instanceof Expr.PrimalCall)) {
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
        List<Linear> body = deadLoops(b.body(), whole, valueLive, outputs);
        if (!body.isEmpty()) {
          out.add(new Linear.Block(body));
        }
      } else {
        out.add(l);
      }
    }
    return out;
  }

  /** Whether dropping {@code program} loses no effect: no statement kept for its effect, no call that must run. */
  private static boolean pure(List<Linear> program) {
    for (Linear l : program) {
      if (l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Effect || l instanceof Linear.Call
          || !Rewrite.bodies(l).stream().allMatch(DeadCode::pure)) {
        return false;
      }
    }
    return true;
  }

  /** {@code program} without the node {@code gone} (by identity), wherever it is nested. */
  private static List<Linear> without(List<Linear> program, Linear gone) {
    return program.stream().filter(l -> l != gone).map(l -> Rewrite.withBodies(l, inner -> without(inner, gone)))
        .toList();
  }

  /**
   * The local {@code l} declares or writes (a write into an array, the array), or null. Kernel form
   * declares each name once, so a local declared in a loop is never read outside it; a write into an
   * array stays while the array is read, which {@link #reads} counts it as.
   */
  private static Expr.Var target(Linear l) {
    return l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Assign a ? a.target()
        : l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Declare d ? d.target()
        : l instanceof Linear.Primal p && p.stmt() instanceof Stmt.ArrayWrite w ? w.array()
        : l instanceof Linear.Tangent t ? t.target()
        : l instanceof Linear.DeclareTangent d ? d.target()
        : l instanceof Linear.TangentWrite w ? w.target()
        : l instanceof Linear.TangentArray a ? a.target()
        : null;
  }

  private static List<Linear> keep(List<Linear> program, Set<String> read) {
    return program.stream().filter(l -> target(l) == null || read.contains(target(l).name()))
        .map(l -> Rewrite.withBodies(l, inner -> keep(inner, read))).toList();
  }

  private static void reads(List<Linear> program, boolean valueLive, Set<String> read) {
    Rewrite.forEachLinear(program, l -> {
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
          vars(term.factor(), read);
          vars(term.index(), read);
        }
      } else if (l instanceof Linear.If f) {
        vars(f.condition(), read);
      } else if (l instanceof Linear.While w) {
        vars(w.condition(), read);
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
        r.tangents().stream().filter(Objects::nonNull).forEach(t -> read.add(t.name()));
      } else if (l instanceof Linear.Call c) {
        c.args().forEach(a -> vars(a, read));
        c.argTangents().stream().filter(Objects::nonNull).forEach(t -> read.add(t.name()));
      }
    });
  }

  /** Adds the locals {@code e} reads (none when it is null) to {@code read}. */
  private static void vars(Expr e, Set<String> read) {
    read.addAll(Exprs.vars(e));
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes from a plain body the stores into locals that nothing reads but the stores themselves: a
 * pullback function computes every component of the gradient and returns one, so the others' sums
 * (and the forward values only they needed) are dead there, and each order differentiated again
 * would copy them. Flow-insensitive like {@link DeadLoops}, which then drops the loops left empty: a
 * local that something live reads anywhere stays, a store with a call stays, and an array local
 * stays unless every assignment to it is a new array (no alias of a parameter or of another local).
 */
final class DeadStores {
  /** The statements that name locals only through their operands and nested statements. */
  private static final Set<Class<?>> STRUCTURED = Set.of(Stmt.If.class, Stmt.While.class, Stmt.Block.class,
      Stmt.Return.class, Stmt.Effect.class);

  private DeadStores() {}

  /** {@code body} without dead stores, until none is left; {@code params} are never removed. */
  static List<Stmt> drop(List<Stmt> body, Set<String> params) {
    List<Stmt> current = body;
    while (true) {
      Set<String> dead = dead(current, params);
      List<Stmt> kept = without(current, dead);
      // DeadLoops sees only locals read as variables: those named by a string are read after.
      Set<String> named = new HashSet<>();
      Rewrite.stmts(kept, e -> {
        named.addAll(named(e));
        return e;
      });
      List<Stmt> next = DeadLoops.drop(kept, named);
      if (next.equals(current)) {
        return current;
      }
      current = next;
    }
  }

  /**
   * The locals of {@code body} that only its removable stores need: what the other statements read
   * (a return, a call, a condition) is live, and so is what a store into a live local reads; the
   * rest, cycles of stores feeding each other included ({@code e = a[i]; a[i] = e + x}), is dead.
   */
  private static Set<String> dead(List<Stmt> body, Set<String> params) {
    Set<String> stored = new HashSet<>();
    Set<String> live = new HashSet<>(params);
    Map<String, Set<String>> feeds = new HashMap<>(); // what the stores into each local read
    Rewrite.forEach(body, s -> {
      Expr.Var target = target(s);
      Set<String> reads = new HashSet<>();
      Rewrite.operands(s).forEach(e -> {
        reads.addAll(Exprs.vars(e));
        reads.addAll(named(e));
      });
      if (target != null && removable(s)) {
        stored.add(target.name());
        feeds.computeIfAbsent(target.name(), k -> new HashSet<>()).addAll(reads);
        return;
      }
      live.addAll(reads);
      if (target != null) {
        live.add(target.name());
      } else if (!STRUCTURED.contains(s.getClass())) {
        // A call's results, a record call's leaves, a tape's local: whatever else names a local keeps it.
        Rewrite.stmts(List.of(s), e -> {
          live.addAll(Exprs.vars(e));
          live.addAll(named(e));
          return e;
        });
        if (s instanceof Stmt.Linearize l && l.callee().receiver() != null) {
          live.add(leading(l.callee().receiver()));
        }
      }
    });
    Deque<String> work = new ArrayDeque<>(live);
    while (!work.isEmpty()) {
      for (String read : feeds.getOrDefault(work.pop(), Set.of())) {
        if (live.add(read)) {
          work.push(read);
        }
      }
    }
    Set<String> dead = new HashSet<>(stored);
    dead.removeAll(live);
    return dead;
  }

  /** The local {@code s} stores into (an assignment, a declaration, a sum, a write into an array), or null. */
  private static Expr.Var target(Stmt s) {
    return s instanceof Stmt.Assign a ? a.target()
        : s instanceof Stmt.Declare d ? d.target()
        : s instanceof Stmt.Accumulate a ? a.target()
        : s instanceof Stmt.ArrayWrite w ? w.array()
        : null;
  }

  /**
   * Whether dropping {@code s} loses nothing but its store: no call, and an array local only from a
   * new array (a store through an alias would write the array it aliases).
   */
  private static boolean removable(Stmt s) {
    if (Rewrite.operands(s).stream().anyMatch(DeadStores::calls)) {
      return false;
    }
    if (s instanceof Stmt.Assign a && a.target().type().isArray()) {
      return a.value() instanceof Expr.NewArray;
    }
    return true;
  }

  /**
   * The locals {@code e} names by a string rather than as a {@link Expr.Var}: the receiver of a
   * method call ({@code tape.pushDouble(x)}) or of a function object's call
   * ({@code f.partialFirst().vjp(x, y)}), a lambda's captured and bound names.
   */
  static Set<String> named(Expr e) {
    Set<String> out = new HashSet<>();
    Exprs.any(e, x -> {
      if (x instanceof Expr.PrimalCall c) {
        out.add(leading(c.receiver()));
      } else if (x instanceof Expr.Call c && c.callee().receiver() != null) {
        out.add(leading(c.callee().receiver()));
      } else if (x instanceof Expr.Lambda l) {
        out.addAll(l.captured());
        out.addAll(l.bound());
      }
      return false;
    });
    return out;
  }

  /** The identifier {@code receiver} starts with: the local of {@code f.partialFirst()}. */
  static String leading(String receiver) {
    int end = 0;
    while (end < receiver.length() && Character.isJavaIdentifierPart(receiver.charAt(end))) {
      end++;
    }
    return receiver.substring(0, end);
  }

  private static boolean calls(Expr e) {
    return Exprs.any(e, x -> x instanceof Expr.Call || x instanceof Expr.PrimalCall || x instanceof Expr.Lambda);
  }

  private static List<Stmt> without(List<Stmt> body, Set<String> dead) {
    return body.stream().filter(s -> target(s) == null || !dead.contains(target(s).name()))
        .map(s -> Rewrite.withBodies(s, inner -> without(inner, dead))).toList();
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.Reverse;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The backward sweep's cotangent arithmetic written as a careful person writes an adjoint: each
 * scalar cotangent local is followed symbolically through straight-line code, so that a
 * contribution is added where it is used instead of through a chain of locals, a cotangent known to
 * be zero or the unit seed is folded in, {@code ā·c + ā·c} reads {@code 2·ā·c}, no local is cleared
 * when nothing reads it again, and each local is declared where it gets its value. A local is
 * written only where its value is read twice, where a statement this pass does not follow reads it,
 * or at the end of a branch or trip.
 */
public final class CleanAdjoints {
  /** A shape this pass does not follow; the sweep is kept as it was. */
  private static final class Unclean extends RuntimeException {
    Unclean() {
      super(null, null, false, false);
    }
  }

  private final Set<String> tracked = new LinkedHashSet<>();
  /** The value each tracked local holds now, as an expression of what the code can read here. */
  private Map<String, Expr> value = new HashMap<>();
  /** Tracked locals whose variable holds their value (a literal value may be held or not). */
  private Set<String> stored = new HashSet<>();

  private CleanAdjoints() {}

  /**
   * {@code placed} with its backward sweep cleaned; {@code seed} the output's cotangent where the
   * entry point fixes it ({@code 1.0} for {@code fGrad}), else null.
   */
  public static Reverse clean(Reverse placed, Expr seed) {
    List<Stmt> backward = placed.backward();
    if (seed != null) {
      backward = Rewrite.stmts(backward, e -> e instanceof Expr.Var v && v.name().equals(Reverse.SEED) ? seed : e);
    }
    List<Stmt> cleaned;
    try {
      cleaned = new CleanAdjoints().top(backward, placed.gradient());
    } catch (Unclean e) {
      cleaned = backward;
    }
    return new Reverse(placed.forward(), cleaned, placed.value(), placed.gradient(), placed.usesTape());
  }

  private List<Stmt> top(List<Stmt> backward, List<Expr.Var> gradient) {
    for (Stmt s : backward) {
      if (s instanceof Stmt.Assign a && a.declare() && a.target().type() == Type.DOUBLE) {
        tracked.add(a.target().name());
      }
    }
    List<Stmt> out = run(backward);
    for (Expr.Var g : gradient) {
      if (tracked.contains(g.name())) {
        store(g.name(), out);
      }
    }
    for (String name : tracked) {
      // A gradient component is returned after the sweep: it stays declared at the top.
      if (gradient.stream().noneMatch(g -> g.name().equals(name))) {
        out = sink(out, name);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- straight-line code

  private List<Stmt> run(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (int k = 0; k < body.size(); k++) {
      Stmt s = body.get(k);
      if (s instanceof Stmt.Assign a && tracked.contains(a.target().name())) {
        Expr v = read(a.value(), body, k, out);
        set(a.target().name(), v);
        if (a.declare()) {
          out.add(new Stmt.Assign(a.target(), v, true));
          if (!(v instanceof Expr.Const)) {
            value.put(a.target().name(), a.target());
          }
          stored.add(a.target().name());
        }
      } else if (s instanceof Stmt.Accumulate a && a.index() == null && tracked.contains(a.target().name())) {
        String name = a.target().name();
        Expr v = read(a.value(), body, k, out);
        set(name, a.subtract() ? Algebra.minus(current(name), v) : Algebra.plus(current(name), v));
      } else if (s instanceof Stmt.Accumulate a && a.target().type().isArray()) {
        Expr v = read(a.value(), body, k, out);
        protect(Set.of(a.target().name()), out);
        boolean negated = Algebra.leadsWithMinus(v);
        Expr added = negated ? Algebra.neg(v) : v;
        if (!Exprs.isZero(added)) {
          out.add(new Stmt.Accumulate(a.target(), a.index(), added, a.subtract() != negated));
        }
      } else if (s instanceof Stmt.If || s instanceof Stmt.Repeat || s instanceof Stmt.While || s instanceof Stmt.Block) {
        compound(s, out);
      } else {
        opaque(s, out);
      }
    }
    return out;
  }

  /** {@code name}'s value as an expression to build on: the local itself where it holds a value not literal. */
  private Expr current(String name) {
    Expr v = value.get(name);
    return v instanceof Expr.Const || !stored.contains(name) ? v : new Expr.Var(name, Type.DOUBLE);
  }

  private void set(String name, Expr v) {
    Expr.Var self = new Expr.Var(name, Type.DOUBLE);
    value.put(name, v);
    if (v.equals(self)) {
      stored.add(name);
    } else {
      stored.remove(name);
    }
  }

  /**
   * {@code e} read at statement {@code k} of {@code body}: each tracked local replaced by its value,
   * inlined where this is its only read before it is cleared, else written to the local first.
   */
  private Expr read(Expr e, List<Stmt> body, int k, List<Stmt> out) {
    Map<String, Integer> here = new HashMap<>();
    Rewrite.expr(e, n -> {
      if (n instanceof Expr.Var v && tracked.contains(v.name())) {
        here.merge(v.name(), 1, Integer::sum);
      }
      return n;
    });
    for (String name : here.keySet()) {
      if (!cheap(value.get(name)) && !(here.get(name) == 1 && clearedBeforeRead(body, k + 1, name))) {
        store(name, out);
      }
    }
    return Algebra.simplify(Rewrite.expr(e, n -> n instanceof Expr.Var v && tracked.contains(v.name())
        ? current(v.name()) : n));
  }

  /** A literal, a local or its negation: read twice costs no more than a local. */
  private static boolean cheap(Expr v) {
    return v instanceof Expr.Const || v instanceof Expr.Var
        || v instanceof Expr.Prim p && p.primitive() == Primitive.NEG && p.args().get(0) instanceof Expr.Var;
  }

  /**
   * Writes {@code name}'s value to its local, after writing first each other tracked local whose
   * value reads the local's old content.
   */
  private void store(String name, List<Stmt> out) {
    store(name, out, new HashSet<>());
  }

  /** As {@link #store(String, List)}, inside the writes of {@code writing}, each waiting for this one. */
  private void store(String name, List<Stmt> out, Set<String> writing) {
    Expr v = value.get(name);
    Expr.Var self = new Expr.Var(name, Type.DOUBLE);
    if (stored.contains(name)) {
      return;
    }
    if (!writing.add(name)) {
      throw new Unclean(); // two values each reading the other's local: keep the sweep as it was
    }
    for (String other : tracked) {
      if (!other.equals(name) && !stored.contains(other) && Exprs.mentions(value.get(other), name)) {
        store(other, out, writing);
      }
    }
    if (v instanceof Expr.Prim p && p.args().size() == 2 && p.args().get(0).equals(self)
        && (p.primitive() == Primitive.ADD || p.primitive() == Primitive.SUB)) {
      out.add(new Stmt.Accumulate(self, null, p.args().get(1), p.primitive() == Primitive.SUB));
    } else {
      out.add(new Stmt.Assign(self, v, false));
    }
    stored.add(name);
    if (!(v instanceof Expr.Const)) {
      value.put(name, self);
    }
  }

  /** Writes each tracked local of {@code locals} to its local. */
  private void storeTracked(Set<String> locals, List<Stmt> out) {
    locals.stream().filter(tracked::contains).forEach(name -> store(name, out));
  }

  /** Writes every tracked local whose value reads one of {@code locals}, before a statement changes them. */
  private void protect(Set<String> locals, List<Stmt> out) {
    for (String name : tracked) {
      if (!stored.contains(name) && locals.stream().anyMatch(l -> Exprs.mentions(value.get(name), l))) {
        store(name, out);
      }
    }
  }

  /**
   * A statement this pass does not follow (a pullback, a tape read, a primal local): the tracked
   * locals it mentions written before it, and those whose values read what it writes.
   */
  private void opaque(Stmt s, List<Stmt> out) {
    Set<String> mentioned = mentioned(s);
    storeTracked(mentioned, out);
    protect(mentioned, out);
    out.add(s);
    for (String name : mentioned) {
      if (tracked.contains(name)) {
        value.put(name, new Expr.Var(name, Type.DOUBLE));
        stored.add(name);
      }
    }
  }

  // ---------------------------------------------------------------- branches and loops

  /**
   * A branch, loop or block: the tracked locals whose literal value it keeps stay literal inside
   * (a cotangent zero at every trip's start, the unit seed); all others are written before it and
   * hold their values at the end of each body.
   */
  private void compound(Stmt s, List<Stmt> out) {
    storeTracked(mentioned(Rewrite.operands(s)), out);
    // A local the statement does not mention, whose value reads nothing it mentions, passes by unchanged.
    Set<String> touched = mentioned(s);
    Set<String> followed = tracked.stream().filter(name -> touched.contains(name)
        || Exprs.vars(value.get(name)).stream().anyMatch(touched::contains))
        .collect(Collectors.toCollection(LinkedHashSet::new));
    Set<String> literal = followed.stream().filter(name -> value.get(name) instanceof Expr.Const)
        .collect(Collectors.toCollection(HashSet::new));
    while (true) {
      for (String name : followed) {
        if (!literal.contains(name)) {
          store(name, out);
          set(name, new Expr.Var(name, Type.DOUBLE));
        }
      }
      Map<String, Expr> entry = new HashMap<>(value);
      Set<String> entryStored = new HashSet<>(stored);
      // A trip before may have changed what a literal local holds: a statement that reads the local writes it first.
      Set<String> bodyStored = new HashSet<>(entryStored);
      bodyStored.removeAll(literal);
      Set<String> kept = new HashSet<>(literal);
      List<List<Stmt>> bodies = new ArrayList<>();
      for (List<Stmt> body : Rewrite.bodies(s)) {
        value = new HashMap<>(entry);
        stored = new HashSet<>(bodyStored);
        List<Stmt> cleaned = run(body);
        for (String name : followed) {
          if (!literal.contains(name)) {
            store(name, cleaned);
          } else if (!value.get(name).equals(entry.get(name))) {
            kept.remove(name);
          }
        }
        bodies.add(cleaned);
      }
      value = entry;
      stored = entryStored;
      if (kept.equals(literal)) {
        stored.removeAll(literal);
        Iterator<List<Stmt>> next = bodies.iterator();
        out.add(Rewrite.withBodies(s, body -> next.next()));
        return;
      }
      literal = kept;
    }
  }

  // ---------------------------------------------------------------- uses

  /** The locals {@code s} mentions, nested statements included, written or read. */
  private static Set<String> mentioned(Stmt s) {
    Set<String> out = new HashSet<>();
    Rewrite.stmts(List.of(s), e -> {
      out.addAll(Exprs.vars(e));
      return e;
    });
    return out;
  }

  private static Set<String> mentioned(List<Expr> exprs) {
    return exprs.stream().flatMap(e -> Exprs.vars(e).stream()).collect(Collectors.toCollection(HashSet::new));
  }

  /**
   * Whether {@code name} is cleared ({@code name = e}, {@code e} not reading it) at the top of
   * {@code body} from statement {@code from} on, and not mentioned before.
   */
  private static boolean clearedBeforeRead(List<Stmt> body, int from, String name) {
    for (int k = from; k < body.size(); k++) {
      Stmt s = body.get(k);
      if (s instanceof Stmt.Assign a && a.target().name().equals(name) && !Exprs.mentions(a.value(), name)) {
        return true;
      }
      if (mentioned(s).contains(name)) {
        return false;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- declarations

  /**
   * {@code body} with the declaration of {@code name} at its top level moved to where the local gets
   * its first value, in the innermost statement list holding every use; removed when nothing uses it.
   */
  private static List<Stmt> sink(List<Stmt> body, String name) {
    int declaration = -1;
    for (int k = 0; k < body.size(); k++) {
      if (body.get(k) instanceof Stmt.Assign a && a.declare() && a.target().name().equals(name)) {
        declaration = k;
      }
    }
    List<Stmt> rest = new ArrayList<>(body);
    rest.remove(declaration);
    if (rest.stream().noneMatch(s -> mentioned(s).contains(name))) {
      return rest;
    }
    List<Stmt> sunk = declareAtFirstValue(rest, name);
    return sunk == null ? body : sunk;
  }

  /** {@code body} with {@code name} declared where it first gets a value; null where a use could read it first. */
  private static List<Stmt> declareAtFirstValue(List<Stmt> body, String name) {
    List<Integer> uses = IntStream.range(0, body.size()).filter(k -> mentioned(body.get(k)).contains(name)).boxed()
        .toList();
    List<Stmt> out = new ArrayList<>(body);
    Stmt first = body.get(uses.get(0));
    if (first instanceof Stmt.Assign a && a.target().name().equals(name) && !a.declare()
        && !Exprs.mentions(a.value(), name)) {
      out.set(uses.get(0), new Stmt.Assign(a.target(), a.value(), true));
      return out;
    }
    boolean inside = uses.size() == 1 && !Rewrite.bodies(first).isEmpty()
        && !mentioned(Rewrite.operands(first)).contains(name);
    if (!inside) {
      return null;
    }
    // Each branch (or the loop body) that uses the local declares its own.
    List<List<Stmt>> bodies = new ArrayList<>();
    for (List<Stmt> inner : Rewrite.bodies(first)) {
      boolean used = inner.stream().anyMatch(st -> mentioned(st).contains(name));
      List<Stmt> sunk = used ? declareAtFirstValue(inner, name) : inner;
      if (sunk == null) {
        return null;
      }
      bodies.add(sunk);
    }
    Iterator<List<Stmt>> next = bodies.iterator();
    out.set(uses.get(0), Rewrite.withBodies(first, inner -> next.next()));
    return out;
  }
}

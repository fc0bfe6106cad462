package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Reverse;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reverse mode as the transpose of a linearized program, in IR. The forward sweep runs the primal
 * statements; the backward sweep walks the linear statements backwards and transposes each:
 * {@code ẏ = a·ẋ + b·u̇} becomes {@code x̄ += a·ȳ; ū += b·ȳ}, a call's tangent its pullback, a
 * loop a loop run as many times backwards, a branch the same branch. Every primal value the
 * backward sweep reads (a coefficient, an index, the branch taken, a trip count, a callee's
 * pullback) is a residual: saved where the forward sweep has it and restored where the backward
 * sweep needs it; {@link ResidualPlacement} decides how each travels.
 */
public final class Transposer {
  /**
   * Names residuals until placement names those it keeps: {@code base#n}, which no Java local can
   * take, so that a residual never shadows a local.
   */
  private static final char RESIDUAL_MARK = '#';

  private final Names names;
  /** Whether a counted loop runs backwards over its own counter rather than over a taped trip count. */
  private final boolean countedLoops;
  private final Map<String, Expr.Var> bars = new LinkedHashMap<>();
  private final Map<String, Integer> assignCount = new HashMap<>();
  private final Set<String> assignedInLoop = new HashSet<>();
  private int residuals;

  private Transposer(Names names, boolean countedLoops) {
    this.names = names;
    this.countedLoops = countedLoops;
  }

  /**
   * The two sweeps of {@code program}, whose differentiated parameters have the tangents
   * {@code tangents} (primal name to tangent), with residuals not yet placed.
   */
  public static Reverse transpose(List<Linear> program, Map<String, Expr.Var> tangents, Callee signature,
      Names names) {
    return new Transposer(names, false).sweeps(program, tangents, signature);
  }

  /**
   * As {@link #transpose}, with each counted loop ({@code for (int i = a; i < b; i++)}, {@code b}
   * unchanged and {@code i} not written by the body) run backwards over {@code i} itself, from the
   * last trip's value down to {@code a}: no trip count, and residual placement may recompute what a
   * trip computed from {@code i}.
   */
  public static Reverse transposeCountedLoops(List<Linear> program, Map<String, Expr.Var> tangents,
      Callee signature, Names names) {
    return new Transposer(names, true).sweeps(program, tangents, signature);
  }

  private Reverse sweeps(List<Linear> program, Map<String, Expr.Var> tangents, Callee signature) {
    Map<String, String> primalOfTangent = new HashMap<>();
    tangents.forEach((primal, tangent) -> primalOfTangent.put(tangent.name(), primal));
    tangents.forEach((primal, tangent) ->
        bars.put(tangent.name(), new Expr.Var(names.fresh(primal + "Bar"), tangent.type())));
    // A parameter's tangent arrives with a value: an assignment to it overwrites, like a second one.
    for (Callee.Param p : signature.params()) {
      Expr.Var tangent = tangents.get(p.name());
      if (tangent != null) {
        assignCount.merge(tangent.name(), 1, Integer::sum);
      }
    }
    count(program, false);

    Swept swept = swept(program);
    Linear last = program.get(program.size() - 1);
    // The cotangent each returned tangent starts from: outBar, or its leaf of a record result.
    Map<String, Expr> seeds = new HashMap<>();
    Map<String, Expr> seededValues = new HashMap<>();
    Expr value;
    if (last instanceof Linear.RecordReturn r) {
      value = r.value();
      for (int i = 0; i < r.tangents().size(); i++) {
        Expr.Var t = r.tangents().get(i);
        if (t != null) {
          seeds.put(t.name(), leafSeed(r.value().shape().leaves().get(i), t.type()));
          seededValues.put(t.name(), r.value().leaves().get(i));
        }
      }
    } else {
      Linear.Return ret = (Linear.Return) last;
      value = ret.value();
      if (ret.tangent() != null) {
        seeds.put(ret.tangent().name(), new Expr.Var(Reverse.SEED, ret.tangent().type().isArray()
            ? ret.tangent().type() : Type.DOUBLE));
        seededValues.put(ret.tangent().name(), ret.value());
      }
    }

    List<Stmt> backward = new ArrayList<>();
    Map<String, Expr> tangentArrayLengths = new HashMap<>();
    Rewrite.forEachLinear(program, l -> {
      if (l instanceof Linear.TangentArray a) {
        tangentArrayLengths.put(a.target().name(), a.length());
      }
    });
    // A local array made at the top level: its cotangent takes the array's own length, not the
    // expression it was made with, whose locals may change on the way (n = n + 1).
    program.stream().filter(l -> l instanceof Linear.TangentArray a && primalOfTangent.containsKey(a.target().name())
        && !primalOfTangent.get(a.target().name()).equals(a.target().name()))
        .forEach(l -> tangentArrayLengths.remove(((Linear.TangentArray) l).target().name()));
    for (Map.Entry<String, Expr.Var> e : bars.entrySet()) {
      Expr.Var bar = e.getValue();
      Expr seed = seeds.get(e.getKey());
      Expr init;
      if (bar.type().isArray() && seed != null) {
        // The returned array's cotangent starts as a copy of outBar: the sweep clears it as it goes.
        Expr.Var seedArray = (Expr.Var) seed;
        backward.add(new Stmt.CheckLength(seededValues.get(e.getKey()), seedArray));
        init = new Expr.PrimalCall(seedArray.name(), "clone", List.of(), bar.type());
      } else if (bar.type().isArray() && tangentArrayLengths.containsKey(e.getKey())) {
        // A tangent array a custom rule creates has no primal array: its length is the one it was made with.
        init = new Expr.NewArray(bar.type(), tangentArrayLengths.get(e.getKey()));
      } else if (bar.type().isArray()) {
        init = new Expr.NewArray(bar.type(),
            new Expr.ArrayLength(new Expr.Var(primalOfTangent.get(e.getKey()), bar.type())));
      } else if (seed != null) {
        init = bar.type() == seed.type() ? seed : new Expr.Cast(bar.type(), seed);
      } else {
        init = Exprs.lit(bar.type(), 0);
      }
      backward.add(new Stmt.Assign(bar, init, true));
    }
    backward.addAll(swept.backward());
    List<Expr.Var> gradient = signature.differentiatedParams().stream()
        .map(p -> bars.get(tangents.get(p.name()).name())).toList();
    return new Reverse(swept.forward(), backward, value, gradient, false);
  }

  /**
   * The cotangent of leaf {@code leaf} of a record result, read from the record {@code outBar}: an
   * array leaf as a local-like read whose name the printer writes ({@code outBar.w()}), a number as a
   * call of its accessor.
   */
  private static Expr leafSeed(RecordShape.Leaf leaf, Type type) {
    String read = leaf.read(Reverse.SEED);
    if (type.isArray()) {
      return new Expr.Var(read, type);
    }
    int dot = read.lastIndexOf('.');
    return new Expr.PrimalCall(read.substring(0, dot), read.substring(dot + 1, read.length() - 2), List.of(), type);
  }

  // ---------------------------------------------------------------- analysis

  private void count(List<Linear> program, boolean inLoop) {
    for (Linear l : program) {
      if (l instanceof Linear.Tangent t) {
        note(t.target().name(), inLoop);
      } else if (l instanceof Linear.Call c) {
        c.resultDots().stream().filter(Objects::nonNull).forEach(t -> note(t.name(), inLoop));
      } else if (l instanceof Linear.While w) {
        count(w.body(), true);
      } else {
        Rewrite.bodies(l).forEach(inner -> count(inner, inLoop));
      }
    }
  }

  private void note(String name, boolean inLoop) {
    assignCount.merge(name, 1, Integer::sum);
    if (inLoop) {
      assignedInLoop.add(name);
    }
  }

  private static boolean hasLinear(List<Linear> program) {
    return program.stream().anyMatch(l -> l instanceof Linear.Tangent || l instanceof Linear.Call
        || l instanceof Linear.TangentWrite || Rewrite.bodies(l).stream().anyMatch(Transposer::hasLinear));
  }

  // ---------------------------------------------------------------- sweeps

  /** The forward sweep of a program and its backward sweep. */
  private record Swept(List<Stmt> forward, List<Stmt> backward) {}

  /**
   * The forward sweep of {@code program} and, for each statement, the group of backward statements
   * that transposes it, the groups in reverse order.
   */
  private Swept swept(List<Linear> program) {
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> backward = new ArrayList<>();
    for (Linear l : program) {
      List<Stmt> group = List.of();
      if (l instanceof Linear.Primal p) {
        forward.add(p.stmt());
      } else if (l instanceof Linear.TangentWrite w) {
        group = transposeWrite(w, forward);
      } else if (l instanceof Linear.Tangent t) {
        group = transpose(t, forward);
      } else if (l instanceof Linear.Call c) {
        group = call(c, forward);
      } else if (l instanceof Linear.If f) {
        group = ifStmt(f, forward);
      } else if (l instanceof Linear.While w) {
        group = whileStmt(w, forward);
      } else if (l instanceof Linear.Block b) {
        group = block(b, forward);
      }
      // DeclareTangent, TangentArray: cotangents are declared once, at the start of the backward
      // sweep. Return: the caller seeds the cotangent of the returned value.
      backward.addAll(0, group);
    }
    return new Swept(forward, backward);
  }

  /** A residual holding {@code value}: saved into {@code forward}, restored first in {@code restores}. */
  private Expr.Var residual(String base, Type type, Expr value, List<Stmt> forward, List<Stmt> restores) {
    Expr.Var r = new Expr.Var(base + RESIDUAL_MARK + residuals++, type);
    forward.add(new Stmt.Save(r, value));
    restores.add(0, new Stmt.Restore(r));
    return r;
  }

  /** The name a residual's local is given after {@code base}, once placement keeps it. */
  static String baseName(String residual) {
    return residual.substring(0, residual.indexOf(RESIDUAL_MARK));
  }

  private List<Stmt> transpose(Linear.Tangent t, List<Stmt> forward) {
    Expr.Var bar = bars.get(t.target().name());
    List<Stmt> restores = new ArrayList<>();
    List<Stmt> updates = new ArrayList<>();
    // b·b (or the same index twice): the value is saved once and read by both terms.
    Map<Expr, Expr.Var> kept = new HashMap<>();
    for (Linear.Term term : t.terms()) {
      Expr.Var factor = null;
      if (term.factor() != null) {
        // Kept in its own type, so that the product's type does not depend on whether the factor
        // is read again or restored.
        Type ft = term.factor().type();
        factor = kept.computeIfAbsent(term.factor(), e -> residual("coef", ft, e, forward, restores));
      }
      Expr.Var index = term.index() == null ? null
          : kept.computeIfAbsent(term.index(), e -> residual("index", Type.INT, e, forward, restores));
      Expr.Var target = bars.get(term.source().name());
      if (index == null && target.type().isArray()) {
        // An array copied by reference (a record's array component from a parameter): element-wise.
        updates.add(new Stmt.Accumulate(target, null, bar, false));
        continue;
      }
      Expr value = factor == null ? bar
          : term.divide() ? Exprs.prim(Primitive.DIV, bar, factor) : Exprs.prim(Primitive.MUL, factor, bar);
      Type targetType = index == null ? target.type() : target.type().element();
      updates.add(new Stmt.Accumulate(target, index, convert(value, targetType), term.negate()));
    }
    List<Stmt> out = new ArrayList<>(restores);
    out.addAll(updates);
    zero(t.target().name(), bar, out);
    return out;
  }

  /** {@code value} narrowed to a float cotangent where Java would not do it implicitly. */
  private static Expr convert(Expr value, Type target) {
    return target == Type.FLOAT && value.type() == Type.DOUBLE ? new Expr.Cast(Type.FLOAT, value) : value;
  }

  /**
   * {@code yDot[i] = vDot} transposed: the element's cotangent moves into {@code v}'s and is
   * cleared, since the write overwrote what the element held before.
   */
  private List<Stmt> transposeWrite(Linear.TangentWrite w, List<Stmt> forward) {
    Expr.Var bar = bars.get(w.target().name());
    List<Stmt> out = new ArrayList<>();
    Expr.Var index = residual("index", Type.INT, w.index(), forward, out);
    Expr element = new Expr.ArrayRead(bar, index, bar.type().element());
    if (w.source() != null) {
      Expr.Var target = bars.get(w.source().name());
      out.add(new Stmt.Accumulate(target, null, convert(element, target.type()), false));
    }
    out.add(new Stmt.ArrayWrite(bar, index, Exprs.lit(bar.type().element(), 0)));
    return out;
  }

  /** A cotangent whose tangent is assigned again (or in a loop) is cleared once its contributions left. */
  private void zero(String tangentName, Expr.Var bar, List<Stmt> out) {
    if (assignCount.getOrDefault(tangentName, 0) > 1 || assignedInLoop.contains(tangentName)) {
      out.add(new Stmt.Assign(bar, Exprs.lit(bar.type(), 0), false));
    }
  }

  private List<Stmt> call(Linear.Call c, List<Stmt> forward) {
    Callee callee = c.callee();
    Expr.Var pullback = new Expr.Var(names.temp(callee.name() + "Vjp"), Type.OBJECT);
    forward.add(new Stmt.Linearize(pullback, c.results(), c.declare(), callee, c.args()));
    List<Stmt> out = new ArrayList<>();
    Expr.Var saved = residual(pullback.name(), Type.OBJECT, pullback, forward, out);
    // A record result's cotangent is one per leaf, seeded from every leaf that has a tangent.
    List<Expr.Var> cotangents = c.resultDots().stream().map(t -> t == null ? null : bars.get(t.name())).toList();
    Expr.Var gradient = new Expr.Var(names.temp(callee.name() + "Grad"), Type.OBJECT);
    List<Expr.Var> targets = c.argTangents().stream().map(t -> t == null ? null : bars.get(t.name())).toList();
    out.add(new Stmt.PullBack(saved, gradient, callee, cotangents, targets));
    c.resultDots().stream().filter(Objects::nonNull).forEach(t -> zero(t.name(), bars.get(t.name()), out));
    return out;
  }

  private List<Stmt> ifStmt(Linear.If f, List<Stmt> forward) {
    if (!hasLinear(f.thenBody()) && !hasLinear(f.elseBody())) {
      forward.add(new Stmt.If(f.condition(), swept(f.thenBody()).forward(), swept(f.elseBody()).forward()));
      return List.of();
    }
    // The branch taken is a residual: a flag local the condition is kept in, unless it is one.
    Expr.Var flag;
    if (f.condition() instanceof Expr.Var v) {
      flag = v;
    } else {
      flag = new Expr.Var(names.temp("branch"), Type.BOOLEAN);
      forward.add(new Stmt.Assign(flag, f.condition(), true));
    }
    Swept thenSwept = swept(f.thenBody());
    Swept elseSwept = swept(f.elseBody());
    forward.add(new Stmt.If(flag, thenSwept.forward(), elseSwept.forward()));
    // Saved after the branch: the backward sweep needs it before anything the branch saved.
    List<Stmt> out = new ArrayList<>();
    Expr.Var taken = residual("branch", Type.BOOLEAN, flag, forward, out);
    List<Stmt> thenCode = thenSwept.backward();
    List<Stmt> elseCode = elseSwept.backward();
    out.add(thenCode.isEmpty()
        ? new Stmt.If(new Expr.Unary(Expr.UnaryOp.NOT, taken, Type.BOOLEAN), elseCode, List.of())
        : new Stmt.If(taken, thenCode, elseCode));
    return out;
  }

  private List<Stmt> whileStmt(Linear.While w, List<Stmt> forward) {
    if (!hasLinear(w.body())) {
      forward.add(new Stmt.While(w.condition(), swept(w.body()).forward()));
      return List.of();
    }
    Expr.Var trips = new Expr.Var(names.temp("trips"), Type.INT);
    forward.add(new Stmt.Assign(trips, Exprs.lit(Type.INT, 0), true));
    Swept inner = swept(w.body());
    List<Stmt> body = inner.forward();
    body.add(Stmt.increment(trips, 1));
    forward.add(new Stmt.While(w.condition(), body));
    List<Stmt> out = new ArrayList<>();
    Expr.Var times = residual("trips", Type.INT, trips, forward, out);
    out.add(Stmt.Repeat.times(new Expr.Var(names.temp("trip"), Type.INT), times, inner.backward()));
    return out;
  }

  /** A scope: a counted loop (run backwards over its counter), or any other block. */
  private List<Stmt> block(Linear.Block b, List<Stmt> forward) {
    List<Stmt> counted = countedLoop(b, forward);
    if (counted != null) {
      return counted;
    }
    Swept inner = swept(b.body());
    forward.add(new Stmt.Block(inner.forward()));
    return inner.backward();
  }

  /**
   * {@code b} as a counted loop ({@code for (int counter = a; condition; counter++)}, its bound unchanged
   * and its counter not written by the trip): forwards as written, backwards over its counter from the
   * last trip's value down to the first's, both residuals kept at the loop's entry. Null when {@code b}
   * is not one (or counted loops are not run backwards).
   */
  private List<Stmt> countedLoop(Linear.Block b, List<Stmt> forward) {
    if (!countedLoops || b.body().size() != 2 || !(b.body().get(0) instanceof Linear.Primal p)
        || !(p.stmt() instanceof Stmt.Assign init) || !init.declare() || init.target().type() != Type.INT
        || !(b.body().get(1) instanceof Linear.While w) || !hasLinear(w.body())) {
      return null;
    }
    Expr.Var counter = init.target();
    List<Linear> trip = w.body();
    if (!(trip.get(trip.size() - 1) instanceof Linear.Primal step) || !step.stmt().equals(Stmt.increment(counter, 1))) {
      return null;
    }
    Set<String> written = written(trip.subList(0, trip.size() - 1));
    Expr lastTrip = lastTrip(w.condition(), counter);
    if (lastTrip == null || written.contains(counter.name())
        || Exprs.vars(lastTrip).stream().anyMatch(written::contains)) {
      return null;
    }
    List<Stmt> scope = new ArrayList<>();
    scope.add(init);
    List<Stmt> out = new ArrayList<>();
    Expr.Var last = residual("last", Type.INT, lastTrip, scope, out);
    Expr.Var first = residual("first", Type.INT, init.value(), scope, out);
    Swept swept = swept(trip);
    scope.add(new Stmt.While(w.condition(), swept.forward()));
    forward.add(new Stmt.Block(scope));
    out.add(new Stmt.Repeat(counter, last, first, swept.backward()));
    return out;
  }

  /**
   * The counter's value in the last trip of a loop on {@code counter < end} ({@code end - 1}),
   * {@code counter <= end} ({@code end}) or the same mirrored; null for any other condition, or an end
   * that is not plain arithmetic over locals, literals and array lengths and elements.
   */
  static Expr lastTrip(Expr condition, Expr.Var counter) {
    if (!(condition instanceof Expr.Binary c)) {
      return null;
    }
    Expr end;
    boolean inclusive;
    if (c.left().equals(counter) && (c.op() == Expr.BinaryOp.LT || c.op() == Expr.BinaryOp.LE)) {
      end = c.right();
      inclusive = c.op() == Expr.BinaryOp.LE;
    } else if (c.right().equals(counter) && (c.op() == Expr.BinaryOp.GT || c.op() == Expr.BinaryOp.GE)) {
      end = c.left();
      inclusive = c.op() == Expr.BinaryOp.GE;
    } else {
      return null;
    }
    if (end.type() != Type.INT || !plainArithmetic(end)) {
      return null;
    }
    return inclusive ? end : Exprs.plus(end, -1);
  }

  /** Arithmetic without calls: evaluating it once more, before the loop, changes nothing. */
  private static boolean plainArithmetic(Expr e) {
    boolean plain = e instanceof Expr.Var || e instanceof Expr.Const || e instanceof Expr.ArrayLength
        || e instanceof Expr.ArrayRead || e instanceof Expr.Cast
        || e instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB
        || b.op() == Expr.BinaryOp.MUL);
    return plain && Exprs.children(e).stream().allMatch(Transposer::plainArithmetic);
  }

  /** The locals and local arrays the primal statements of {@code program} write. */
  private static Set<String> written(List<Linear> program) {
    Set<String> out = new HashSet<>();
    Rewrite.forEachLinear(program, l -> {
      if (l instanceof Linear.Primal p) {
        Rewrite.forEach(List.of(p.stmt()), s -> {
          Rewrite.assigned(s).forEach(v -> out.add(v.name()));
          if (s instanceof Stmt.ArrayWrite w) {
            out.add(w.array().name());
          }
        });
      } else if (l instanceof Linear.Call c) {
        c.results().forEach(r -> out.add(r.name()));
      }
    });
    return out;
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Names;
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
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides where each residual of a transposed program comes from when the backward sweep reads it:
 * the value read again where it cannot have changed (parameters, literals, locals assigned once at
 * the top level, elements of arrays nobody writes), a final local at the top level, or the tape
 * inside branches and loops. Inside a loop the backward sweep runs over its own counter, a value
 * computed from the counter and such values is computed again at the start of each backward trip
 * instead (what Tapenade's TBR analysis leaves off the tape). The backward sweep runs inside
 * {@code fVjp}'s pullback closure, so a value it reads directly must stay effectively final.
 */
public final class ResidualPlacement {
  /**
   * A Java lambda captures at most 255 slots (127 doubles): past this many top-level locals the
   * pullback closure's backward sweep reads everything but the parameters from the tape.
   */
  private static final int CAPTURED_SLOTS = 250;

  private final Names names;
  private final Set<String> params = new HashSet<>();
  private final Map<String, Integer> assignCount = new HashMap<>();
  private final Set<String> topDeclared = new HashSet<>();
  private final Set<String> writtenArrays = new HashSet<>();
  private final Map<String, Callee> pullbackOf = new HashMap<>();
  private final boolean tapeEverything;

  /** What each residual became: the expression the backward sweep reads, and how it got there. */
  private final Map<String, Expr> placed = new HashMap<>();
  private final Set<String> onTape = new HashSet<>();
  private final Map<String, Expr> savedValues = new HashMap<>();
  /**
   * The loops of the forward sweep whose trips the backward sweep mirrors, by the local each trip
   * counts: a counted loop's counter, which the backward trip also holds, or the trip count the
   * transposer added to any other loop.
   */
  private final Map<String, Trip> tripsByKey = new HashMap<>();
  /** The trip count each residual keeps, by residual: how a backward loop names its forward loop. */
  private final Map<String, String> tripCountOf = new HashMap<>();

  /**
   * A trip of a loop run backwards over its counter: the locals it declares and assigns once (each
   * computed again at the start of the backward trip when a residual needs it) and those needed; the
   * locals it carries from trip to trip, of which those needed at the trip's start are taped once
   * per trip ({@code snapshots}); what the forward walk has seen written so far, and before each local.
   */
  private record Trip(String counter, boolean counted, Map<String, Stmt.Assign> locals, Set<String> needed, Map<String, Type> carried,
      Map<String, Expr.Var> snapshots, Set<String> written, Map<String, Set<String>> writtenBefore) {
    /** {@code e} reading each carried local from its snapshot. */
    Expr fromSnapshots(Expr e) {
      return Rewrite.expr(e, n -> n instanceof Expr.Var v && snapshots.containsKey(v.name()) ? snapshots.get(v.name()) : n);
    }
  }

  private ResidualPlacement(Names names, Callee signature, boolean tapeEverything) {
    this.names = names;
    this.tapeEverything = tapeEverything;
    signature.params().forEach(p -> params.add(p.name()));
  }

  /** Where the backward sweep runs, which decides what it may read directly. */
  public enum Policy {
    /**
     * In {@code fVjp}'s pullback closure: what it reads directly must stay effectively final, and a
     * lambda captures at most {@value #CAPTURED_SLOTS} slots.
     */
    CLOSURE,
    /** Straight after the forward sweep in the same method ({@code fGrad}, {@code fValueAndGrad}): no capture limit. */
    STRAIGHT_LINE
  }

  /** {@code sweeps} with every residual placed, for a backward sweep run under {@code policy}. */
  public static Reverse place(Reverse sweeps, Callee signature, Names names, Policy policy) {
    Reverse placed = new ResidualPlacement(names, signature, false).run(sweeps);
    if (policy == Policy.CLOSURE && 2 * signature.params().size() + 2 * topLevelLocals(placed) > CAPTURED_SLOTS) {
      return new ResidualPlacement(names, signature, true).run(sweeps);
    }
    return placed;
  }

  private Reverse run(Reverse sweeps) {
    Rewrite.forEach(sweeps.forward(), this::count);
    for (Stmt s : sweeps.forward()) {
      if (s instanceof Stmt.Assign a && a.declare()) {
        topDeclared.add(a.target().name());
      } else if (s instanceof Stmt.Linearize l) {
        topDeclared.add(l.pullback().name());
        if (l.declare()) {
          l.results().forEach(r -> topDeclared.add(r.name()));
        }
      } else if (s instanceof Stmt.CallRecord c) {
        c.leaves().forEach(leaf -> topDeclared.add(leaf.name()));
      }
    }
    Set<String> counts = new HashSet<>();
    Rewrite.forEach(sweeps.backward(), s -> {
      if (s instanceof Stmt.Repeat r && r.from() instanceof Expr.Var times) {
        counts.add(times.name());
      }
    });
    Rewrite.forEach(sweeps.forward(), s -> {
      if (s instanceof Stmt.Save v && counts.contains(v.residual().name()) && v.value() instanceof Expr.Var count) {
        tripCountOf.put(v.residual().name(), count.name());
      }
    });
    Rewrite.forEach(sweeps.backward(), s -> {
      if (s instanceof Stmt.Repeat r && tripKey(r) != null) {
        tripsByKey.put(tripKey(r), null);
      }
    });
    List<Stmt> forward = forward(sweeps.forward(), !tapeEverything, List.of());
    List<Stmt> backward = Rewrite.stmts(backward(sweeps.backward()), this::read);
    return new Reverse(forward, backward, sweeps.value(), sweeps.gradient(), !onTape.isEmpty());
  }

  private void count(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      assignCount.merge(a.target().name(), 1, Integer::sum);
    } else if (s instanceof Stmt.Linearize l) {
      l.results().forEach(r -> assignCount.merge(r.name(), 1, Integer::sum));
      assignCount.merge(l.pullback().name(), 1, Integer::sum);
      pullbackOf.put(l.pullback().name(), l.callee());
    } else if (s instanceof Stmt.CallRecord c) {
      c.leaves().forEach(leaf -> assignCount.merge(leaf.name(), 1, Integer::sum));
    } else if (s instanceof Stmt.ArrayWrite w) {
      writtenArrays.add(w.array().name());
    }
  }

  /**
   * The forward sweep with each {@link Stmt.Save} placed; {@code top} outside branches and loops,
   * {@code trips} the trips of the counted loops around {@code body}, innermost last.
   */
  private List<Stmt> forward(List<Stmt> body, boolean top, List<Trip> trips) {
    Trip innermost = trips.isEmpty() ? null : trips.get(trips.size() - 1);
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (innermost != null && s instanceof Stmt.Assign a && innermost.locals().get(a.target().name()) == a) {
        innermost.writtenBefore().put(a.target().name(), new HashSet<>(innermost.written()));
      } else if (innermost != null && s instanceof Stmt.While) {
        innermost.written().addAll(written(List.of(s))); // a later trip may see what an earlier one wrote
      }
      if (s instanceof Stmt.Save v) {
        save(v, top, trips, out);
      } else if (s instanceof Stmt.While w && countedTrip(w) != null) {
        Trip trip = countedTrip(w);
        List<Trip> inner = new ArrayList<>(trips);
        inner.add(trip);
        List<Stmt> tripBody = forward(w.body(), false, inner);
        // Each carried local the backward trip needs is kept at the trip's start and taped at its end,
        // so that the backward trip pops it first.
        trip.snapshots().forEach((name, snapshot) -> {
          if (!snapshot.name().equals(name)) {
            tripBody.add(0, new Stmt.Assign(snapshot, new Expr.Var(name, snapshot.type()), true));
          }
          tripBody.add(tripBody.size() - 1, new Stmt.Push(snapshot, snapshot.type()));
          onTape.add(snapshot.name());
        });
        if (trip.counted()) {
          reserve(trip, w.condition(), tripBody, out);
        }
        out.add(new Stmt.While(w.condition(), tripBody));
      } else {
        out.add(Rewrite.withBodies(s, inner -> forward(inner, false, trips)));
      }
      if (innermost != null) {
        innermost.written().addAll(written(List.of(s)));
      }
    }
    return out;
  }

  /**
   * {@code tape.reserve(trips, doubles, ints, objects)} before a counted loop whose every trip pushes
   * that much, the trip count taken from its condition on loop entry: the tape grows once.
   */
  private static void reserve(Trip trip, Expr condition, List<Stmt> tripBody, List<Stmt> out) {
    int[] perTrip = new int[3];
    for (Stmt s : tripBody) {
      if (s instanceof Stmt.Push p) {
        perTrip[p.type() == Type.OBJECT ? 2 : p.type() == Type.INT || p.type() == Type.BOOLEAN ? 1 : 0]++;
      }
    }
    // The loop's trips from here: its last trip's counter, plus one, minus the counter on entry.
    Expr.Var counter = new Expr.Var(trip.counter(), Type.INT);
    Expr trips = new Expr.Binary(Expr.BinaryOp.SUB, Exprs.plus(Transposer.lastTrip(condition, counter), 1), counter,
        Type.INT);
    if (perTrip[0] + perTrip[1] + perTrip[2] > 0) {
      out.add(new Stmt.Effect(new Expr.PrimalCall("tape", "reserve", List.of(trips, Exprs.lit(Type.INT, perTrip[0]),
          Exprs.lit(Type.INT, perTrip[1]), Exprs.lit(Type.INT, perTrip[2])), Type.INT)));
    }
  }

  /** The locals {@code body} writes, nested statements included. */
  private static Set<String> written(List<Stmt> body) {
    Set<String> out = new HashSet<>();
    Rewrite.forEach(body, s -> Rewrite.assigned(s).forEach(v -> out.add(v.name())));
    return out;
  }

  /** The local counting the forward trips {@code r} runs backwards, or null. */
  private String tripKey(Stmt.Repeat r) {
    if (assignCount.containsKey(r.counter().name())) {
      return r.counter().name();
    }
    return r.from() instanceof Expr.Var times ? tripCountOf.get(times.name()) : null;
  }

  /** The trip of {@code w} when the backward sweep runs it over its counter (its last statement counts it). */
  private Trip countedTrip(Stmt.While w) {
    if (w.body().isEmpty() || !(w.body().get(w.body().size() - 1) instanceof Stmt.Assign step)
        || !tripsByKey.containsKey(step.target().name()) || !step.equals(Stmt.increment(step.target(), 1))) {
      return null;
    }
    String counter = step.target().name();
    if (tripsByKey.get(counter) == null) {
      Map<String, Stmt.Assign> locals = new LinkedHashMap<>();
      for (Stmt s : w.body()) {
        if (s instanceof Stmt.Assign a && a.declare() && assignCount.get(a.target().name()) == 1) {
          locals.put(a.target().name(), a);
        }
      }
      // Carried: numbers the trip assigns but does not declare.
      Map<String, Type> carried = new HashMap<>();
      Rewrite.forEach(w.body(), s -> {
        if (s instanceof Stmt.Assign a && !a.declare() && !a.target().name().equals(counter)
            && (a.target().type().isScalar() || a.target().type() == Type.INT)) {
          carried.put(a.target().name(), a.target().type());
        }
      });
      Rewrite.forEach(w.body(), s -> {
        if (s instanceof Stmt.Assign a && a.declare() || s instanceof Stmt.Declare) {
          carried.remove(s instanceof Stmt.Assign a ? a.target().name() : ((Stmt.Declare) s).target().name());
        }
      });
      tripsByKey.put(counter, new Trip(counter, assignCount.containsKey(counter) && !tripCountOf.containsValue(counter), locals, new HashSet<>(), carried, new LinkedHashMap<>(),
          new HashSet<>(), new HashMap<>()));
    }
    return tripsByKey.get(counter);
  }

  private void save(Stmt.Save v, boolean top, List<Trip> trips, List<Stmt> out) {
    String residual = v.residual().name();
    savedValues.put(residual, v.value());
    if (readableLater(v.value())) {
      placed.put(residual, v.value());
      return;
    }
    if (recomputable(v.value(), trips)) {
      placed.put(residual, trips.get(trips.size() - 1).fromSnapshots(v.value()));
      return;
    }
    Expr.Var named = new Expr.Var(names.temp(Transposer.baseName(residual)), v.residual().type());
    placed.put(residual, named);
    if (top) {
      out.add(new Stmt.Save(named, v.value()));
    } else {
      onTape.add(residual);
      out.add(new Stmt.Push(v.value(), v.residual().type()));
    }
  }

  /** The backward sweep with each {@link Stmt.Restore} of a taped residual a pop, the others gone. */
  private List<Stmt> backward(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Restore r) {
        if (onTape.contains(r.residual().name())) {
          Expr.Var target = (Expr.Var) placed.get(r.residual().name());
          Expr saved = savedValues.get(r.residual().name());
          out.add(new Stmt.Pop(target, saved instanceof Expr.Var v ? pullbackOf.get(v.name()) : null));
        }
      } else if (s instanceof Stmt.Repeat r && tripKey(r) != null && tripsByKey.get(tripKey(r)) != null) {
        Trip trip = tripsByKey.get(tripKey(r));
        List<Stmt> recomputed = new ArrayList<>();
        trip.snapshots().values().forEach(snapshot -> recomputed.add(0, new Stmt.Pop(snapshot, null)));
        trip.locals().forEach((name, assign) -> {
          if (trip.needed().contains(name)) {
            recomputed.add(new Stmt.Assign(assign.target(), trip.fromSnapshots(assign.value()), true));
          }
        });
        recomputed.addAll(backward(r.body()));
        out.add(new Stmt.Repeat(r.counter(), r.from(), r.downTo(), recomputed));
      } else {
        out.add(Rewrite.withBodies(s, this::backward));
      }
    }
    return out;
  }

  /**
   * Whether {@code e} can be computed again at its point of the backward sweep, inside the counted
   * loops {@code trips}: from what is readable later, their counters and the locals their trips
   * compute from these; the locals it needs are marked to be computed again.
   */
  private boolean recomputable(Expr e, List<Trip> trips) {
    if (trips.isEmpty()) {
      return false;
    }
    TripNeeds needs = new TripNeeds(new HashMap<>(), new HashMap<>());
    Set<String> writtenSoFar = trips.get(trips.size() - 1).written();
    if (!readable(e, name -> recomputableLocal(name, trips, writtenSoFar, needs))) {
      return false;
    }
    needs.recomputed().forEach((trip, locals) -> trip.needed().addAll(locals));
    needs.kept().forEach((trip, locals) -> locals.forEach(name -> trip.snapshots().computeIfAbsent(name,
        n -> trip.carried().containsKey(n) ? new Expr.Var(names.temp(n + "Start"), trip.carried().get(n))
            : trip.locals().get(n).target())));
    return true;
  }

  /**
   * What reading a residual again in a backward trip takes, by trip: locals computed again, and
   * values taped once per trip (a carried local at the trip's start, a local costly or impossible to
   * compute again).
   */
  private record TripNeeds(Map<Trip, Set<String>> recomputed, Map<Trip, Set<String>> kept) {
    boolean add(Map<Trip, Set<String>> which, Trip trip, String name) {
      return which.computeIfAbsent(trip, t -> new HashSet<>()).add(name);
    }
  }

  /**
   * Whether local {@code name} can be read again in the innermost of {@code trips}, whose forward
   * walk has seen {@code writtenSoFar} written: stable, a counter, a local of a trip (computed again,
   * or taped once per trip), or a local the innermost trip carries and has not written yet (taped at
   * the trip's start).
   */
  private boolean recomputableLocal(String name, List<Trip> trips, Set<String> writtenSoFar, TripNeeds needs) {
    if (stable(name)) {
      return true;
    }
    for (int k = 0; k < trips.size(); k++) {
      Trip trip = trips.get(k);
      if (trip.counted() && trip.counter().equals(name)) {
        return true;
      }
      if (k == trips.size() - 1 && trip.carried().containsKey(name) && !writtenSoFar.contains(name)) {
        needs.add(needs.kept(), trip, name);
        return true;
      }
      Stmt.Assign local = trip.locals().get(name);
      if (local != null) {
        if (needs.kept().getOrDefault(trip, Set.of()).contains(name) || !needs.add(needs.recomputed(), trip, name)) {
          return true;
        }
        List<Trip> outer = trips.subList(0, k + 1);
        Set<String> before = trip.writtenBefore().getOrDefault(name, Set.of());
        if (costly(local.value()) || !readable(local.value(), inner -> recomputableLocal(inner, outer, before, needs))) {
          needs.recomputed().get(trip).remove(name);
          needs.add(needs.kept(), trip, name);
        }
        return true;
      }
    }
    return false;
  }

  /** Whether {@code e} calls a costly primitive (a transcendental, a root). */
  private static boolean costly(Expr e) {
    return e instanceof Expr.Prim p && p.primitive().isCostly() || Exprs.children(e).stream().anyMatch(
        ResidualPlacement::costly);
  }

  /** A read in the backward sweep: a residual becomes what placement made of it. */
  private Expr read(Expr e) {
    // Every residual was saved before the backward sweep reads it: placed holds each one.
    if (e instanceof Expr.Var v && placed.containsKey(v.name())) {
      return placed.get(v.name());
    }
    return e;
  }

  /** Whether a local keeps its value from its assignment to the end of the backward sweep. */
  private boolean stable(String name) {
    int n = assignCount.getOrDefault(name, 0);
    if (tapeEverything) {
      return params.contains(name) && n == 0;
    }
    return params.contains(name) ? n == 0 : topDeclared.contains(name) && n == 1;
  }

  private boolean readableLater(Expr e) {
    return readable(e, this::stable);
  }

  /** Whether {@code e} reads only literals, final fields and what {@code local} accepts, without calls. */
  private boolean readable(Expr e, Predicate<String> local) {
    if (e instanceof Expr.StaticField f) {
      // A field that is not final may change before the pullback runs: keep what this sweep read.
      return !f.mutable();
    }
    if (e == null || e instanceof Expr.Const) {
      return true;
    }
    if (e instanceof Expr.Var v) {
      return local.test(v.name());
    }
    if (e instanceof Expr.ArrayRead r) {
      // Array parameters are never written, so an element read is as stable as its index; an
      // element of a local array the function writes into is not.
      return r.array() instanceof Expr.Var v && !writtenArrays.contains(v.name())
          && readable(r.array(), local) && readable(r.index(), local);
    }
    // Math's integer helpers (floorMod for a wrap-around index) are pure: computed again as they were.
    boolean integerHelper = e instanceof Expr.PrimalCall c && (c.receiver().equals("Math")
        || c.receiver().equals("StrictMath")) && (c.type() == Type.INT || c.type() == Type.LONG);
    if (e instanceof Expr.Prim || e instanceof Expr.Binary || e instanceof Expr.Unary || e instanceof Expr.Cast
        || e instanceof Expr.Conditional || e instanceof Expr.ArrayLength || integerHelper) {
      return Exprs.children(e).stream().allMatch(c -> readable(c, local));
    }
    return false;
  }

  /** The top-level locals of a placed forward sweep: what the pullback closure may capture. */
  private static int topLevelLocals(Reverse placed) {
    int n = placed.usesTape() ? 1 : 0;
    for (Stmt s : placed.forward()) {
      if (s instanceof Stmt.Assign a && a.declare() || s instanceof Stmt.Declare || s instanceof Stmt.Save) {
        n++;
      } else if (s instanceof Stmt.Linearize l) {
        n += 1 + (l.declare() ? l.results().size() : 0);
      }
    }
    return n;
  }
}

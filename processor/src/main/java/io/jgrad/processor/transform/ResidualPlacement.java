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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
  /** The tape this placement pushes onto and what its backward sweep pops with. */
  private final String tape;
  private final String reader;
  /** Whether this places the residuals of a trip that its backward trip follows at once. */
  private final boolean inTrip;
  /** Whether the tape holds single values only: no copies, reservations or trips computed again. */
  private boolean valuesOnly;
  /** Whether a loop carrying state keeps checkpoints instead of every trip's values. */
  private final boolean checkpointLoops;

  /** What each residual became: the expression the backward sweep reads, and how it got there. */
  private final Map<String, Expr> placed = new HashMap<>();
  private final Set<String> onTape = new HashSet<>();
  private final Map<String, Expr> savedValues = new HashMap<>();
  /**
   * The trips of the loops of the forward sweep that the backward sweep mirrors, by the local each
   * trip counts (its key): a counted loop's counter, which the backward trip also holds, or the trip
   * count the transposer added to any other loop; each once the forward walk reached its loop.
   */
  private final Map<String, Trip> tripsByKey = new HashMap<>();
  /** The trip count each residual keeps, by residual: how a backward loop names its forward loop. */
  private final Map<String, String> tripCountOf = new HashMap<>();
  /** The array each copied array's backward reads come from, by the array's name. */
  private final Map<String, Expr.Var> copies = new LinkedHashMap<>();
  /** The backward loop of each loop the forward sweep runs, by trip key; those fused, by the same key. */
  private final Map<String, Stmt.Repeat> backwardTrips = new HashMap<>();
  private final Map<String, Fused> fusedTrips = new HashMap<>();
  private final Map<String, Checkpointed> checkpointedTrips = new HashMap<>();

  /**
   * A trip of a loop run backwards over its counter: the locals it declares and assigns once (each
   * computed again at the start of the backward trip when a residual needs it) and those needed; the
   * locals it carries from trip to trip, of which those needed at the trip's start are taped once
   * per trip ({@code snapshots}); what the forward walk has seen written so far, and before each local.
   */
  private record Trip(String counter, boolean counted, Map<String, Stmt.Assign> locals, Set<String> needed, Map<String, Type> carried,
      Map<String, Expr.Var> snapshots, Set<String> written, Map<String, Set<String>> writtenBefore, Loop loop) {
    /** {@code e} reading each carried local from its snapshot. */
    Expr fromSnapshots(Expr e) {
      return Rewrite.expr(e, n -> n instanceof Expr.Var v && snapshots.containsKey(v.name()) ? snapshots.get(v.name()) : n);
    }
  }

  /**
   * What a loop's body does with arrays, nested loops included: those it writes, how many element
   * reads of each it holds (one in a nested loop counts as many), and those whose copy is taped once
   * after the loop because its trips read them again and again (the backward loop reads the copy).
   */
  private record Loop(Set<String> writes, Map<String, Integer> reads, Set<String> copied) {
    static Loop of(List<Stmt> body) {
      Loop loop = new Loop(new HashSet<>(), new HashMap<>(), new LinkedHashSet<>());
      loop.count(body, 1);
      return loop;
    }

    private void count(List<Stmt> body, int weight) {
      for (Stmt s : body) {
        if (s instanceof Stmt.ArrayWrite w) {
          writes.add(w.array().name());
        }
        Rewrite.operands(s).forEach(e -> Rewrite.expr(e, n -> {
          if (n instanceof Expr.ArrayRead r && r.array() instanceof Expr.Var a) {
            reads.merge(a.name(), weight, Integer::sum);
          }
          return n;
        }));
        Rewrite.bodies(s).forEach(inner -> count(inner, s instanceof Stmt.While ? 2 * weight : weight));
      }
    }
  }

  /**
   * A placement over {@code params}, recording on {@code tape}: the forward sweep's tape, read back
   * by the sweep's reader, or a tape a backward trip fills and empties, used as a stack.
   */
  private ResidualPlacement(Names names, Set<String> params, boolean tapeEverything, String tape, boolean inTrip,
      boolean checkpointLoops) {
    this.names = names;
    this.inTrip = inTrip;
    this.checkpointLoops = checkpointLoops;
    this.tapeEverything = tapeEverything;
    this.params.addAll(params);
    this.tape = tape;
    this.reader = tape.equals(Stmt.TAPE) ? Stmt.READER : tape;
  }

  /** Where the backward sweep runs, which decides what it may read directly. */
  public enum Policy {
    /**
     * In {@code fVjp}'s pullback closure: what it reads directly must stay effectively final, and a
     * lambda captures at most {@value #CAPTURED_SLOTS} slots.
     */
    CLOSURE,
    /** Straight after the forward sweep in the same method ({@code fGrad}, {@code fValueAndGrad}): no capture limit. */
    STRAIGHT_LINE,
    /**
     * Straight after the forward sweep, with a tape that becomes local arrays (order 2's pullback
     * functions): one value per push, so no copies of arrays, no reservations, no trip computed again.
     */
    ARRAY_TAPE
  }

  /** {@code sweeps} with every residual placed, for a backward sweep run under {@code policy}. */
  public static Reverse place(Reverse sweeps, Callee signature, Names names, Policy policy, boolean checkpointLoops) {
    Set<String> params = new HashSet<>(signature.paramNames());
    ResidualPlacement placement = new ResidualPlacement(names, params, false, Stmt.TAPE, false, checkpointLoops);
    placement.valuesOnly = policy == Policy.ARRAY_TAPE;
    Reverse placed = placement.run(sweeps);
    if (policy == Policy.CLOSURE && 2 * signature.params().size() + 2 * topLevelLocals(placed) > CAPTURED_SLOTS) {
      return new ResidualPlacement(names, params, true, Stmt.TAPE, false, false).run(sweeps);
    }
    return placed;
  }

  private Reverse run(Reverse sweeps) {
    Rewrite.forEach(sweeps.forward(), this::count);
    for (Stmt s : sweeps.forward()) {
      if (s instanceof Stmt.Linearize l) {
        topDeclared.add(l.pullback().name());
      }
      if (s instanceof Stmt.Assign a && a.declare() || s instanceof Stmt.Linearize l && l.declare()
          || s instanceof Stmt.CallRecord) {
        Rewrite.assigned(s).forEach(v -> topDeclared.add(v.name()));
      }
    }
    Map<String, String> savedLocals = new HashMap<>();
    Rewrite.forEach(sweeps.forward(), s -> {
      if (s instanceof Stmt.Save v && v.value() instanceof Expr.Var local) {
        savedLocals.put(v.residual().name(), local.name());
      }
    });
    Rewrite.forEach(sweeps.backward(), s -> {
      if (s instanceof Stmt.Repeat r && r.from() instanceof Expr.Var times && savedLocals.containsKey(times.name())) {
        tripCountOf.put(times.name(), savedLocals.get(times.name()));
      }
      if (s instanceof Stmt.Repeat r && tripKey(r) != null) {
        backwardTrips.put(tripKey(r), r);
      }
    });
    List<Stmt> placedForward = forward(sweeps.forward(), !tapeEverything, List.of());
    List<Stmt> forward = valuesOnly ? placedForward : TapeReservation.reserve(placedForward, tape);
    List<Stmt> backward = new ArrayList<>();
    // One array per copied array, allocated once: each backward loop that reads a copy first restores it.
    copies.forEach((array, copy) -> backward.add(new Stmt.Assign(copy, new Expr.NewArray(Type.DOUBLE_ARRAY,
        new Expr.ArrayLength(new Expr.Var(array, Type.DOUBLE_ARRAY))), true)));
    backward.addAll(Rewrite.stmts(backward(sweeps.backward()), this::read));
    return new Reverse(forward, backward, sweeps.value(), sweeps.gradient(), !onTape.isEmpty());
  }

  private void count(Stmt s) {
    Rewrite.assigned(s).forEach(v -> assignCount.merge(v.name(), 1, Integer::sum));
    if (s instanceof Stmt.Linearize l) {
      assignCount.merge(l.pullback().name(), 1, Integer::sum);
      pullbackOf.put(l.pullback().name(), l.callee());
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
        // A trip computed again right before its backward trip: what it leaves unchanged is read as it is,
        // where it reads only values from outside the trip and locals the trip declares.
        boolean unchanged = inTrip && top
            && Exprs.vars(v.value()).stream().allMatch(name -> params.contains(name) || topDeclared.contains(name))
            && Collections.disjoint(Exprs.vars(v.value()), written(body.subList(body.indexOf(s) + 1, body.size())));
        save(v, unchanged, top, trips, out);
      } else if (s instanceof Stmt.While w && countedTrip(w) != null) {
        Trip trip = countedTrip(w);
        List<Trip> inner = new ArrayList<>(trips);
        inner.add(trip);
        Set<String> tapedBefore = new HashSet<>(onTape);
        List<Stmt> tripBody = forward(w.body(), false, inner);
        // Each carried local the backward trip needs is kept at the trip's start and taped at its end,
        // so that the backward trip pops it first.
        trip.snapshots().forEach((name, snapshot) -> {
          if (!snapshot.name().equals(name)) {
            tripBody.add(0, new Stmt.Assign(snapshot, new Expr.Var(name, snapshot.type()), true));
          }
          tripBody.add(tripBody.size() - 1, new Stmt.Push(snapshot, snapshot.type(), tape));
          onTape.add(snapshot.name());
        });
        Fused fused = !valuesOnly && trips.isEmpty() && trip.counted() && !onTape.equals(tapedBefore)
            ? fused(w, trip) : null;
        if (fused != null) {
          // Each backward trip computes its forward trip again: the forward loop records nothing.
          onTape.retainAll(tapedBefore);
          fusedTrips.put(trip.counter(), fused);
          out.add(new Stmt.While(w.condition(), primal(w.body())));
          continue;
        }
        Checkpointed checkpointed = checkpointLoops && !valuesOnly && trips.isEmpty() && trip.counted() && !trip.carried().isEmpty()
            ? checkpointed(w, trip) : null;
        if (checkpointed != null) {
          onTape.retainAll(tapedBefore);
          onTape.add(checkpointed.interval().name());
          checkpointedTrips.put(trip.counter(), checkpointed);
          out.addAll(keepCheckpoints(w, checkpointed));
          continue;
        }
        out.add(new Stmt.While(w.condition(), tripBody));
        // The loop does not write these arrays: after it they hold what each of its trips read.
        trip.loop().copied().forEach(array -> {
          out.add(new Stmt.Effect(new Expr.PrimalCall(tape, "pushDoubles", List.of(new Expr.Var(array,
              Type.DOUBLE_ARRAY)), Type.INT)));
          onTape.add(copyOf(array).name());
        });
      } else {
        out.add(Rewrite.withBodies(s, inner -> forward(inner, false, trips)));
      }
      if (innermost != null) {
        innermost.written().addAll(written(List.of(s)));
      }
    }
    return out;
  }

  /** The locals {@code body} writes, nested statements included. */
  static Set<String> written(List<Stmt> body) {
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
        || !backwardTrips.containsKey(step.target().name()) || !step.equals(Stmt.increment(step.target(), 1))) {
      return null;
    }
    return tripsByKey.computeIfAbsent(step.target().name(), counter -> {
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
      return new Trip(counter, assignCount.containsKey(counter) && !tripCountOf.containsValue(counter), locals,
          new HashSet<>(), carried, new LinkedHashMap<>(), new HashSet<>(), new HashMap<>(), Loop.of(w.body()));
    });
  }

  /**
   * Places {@code v}: its value read again where it is ({@code unchanged} here, or readable later), or
   * computed again in a backward trip, or kept in a local at the top level, or taped.
   */
  private void save(Stmt.Save v, boolean unchanged, boolean top, List<Trip> trips, List<Stmt> out) {
    String residual = v.residual().name();
    savedValues.put(residual, v.value());
    if (unchanged || readable(v.value(), this::stable, read -> false)) {
      placed.put(residual, v.value());
      return;
    }
    if (recomputable(v.value(), trips)) {
      placed.put(residual, fromCopies(trips.get(trips.size() - 1).fromSnapshots(v.value())));
      return;
    }
    Expr.Var named = new Expr.Var(names.temp(Transposer.baseName(residual)), v.residual().type());
    placed.put(residual, named);
    if (top) {
      out.add(new Stmt.Save(named, v.value()));
    } else {
      onTape.add(residual);
      out.add(new Stmt.Push(v.value(), v.residual().type(), tape));
    }
  }

  /** The backward sweep with each {@link Stmt.Restore} of a taped residual a pop, the others gone. */
  private List<Stmt> backward(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Repeat r && checkpointedTrips.containsKey(tripKey(r))) {
        out.addAll(fromCheckpoints(r, checkpointedTrips.get(tripKey(r))));
      } else if (s instanceof Stmt.Repeat r && fusedTrips.containsKey(tripKey(r))) {
        Fused fused = fusedTrips.get(tripKey(r));
        out.addAll(fused.newTape());
        out.add(new Stmt.Repeat(r.counter(), r.from(), r.downTo(), fused.trip()));
      } else if (s instanceof Stmt.Restore r) {
        if (onTape.contains(r.residual().name())) {
          Expr.Var target = (Expr.Var) placed.get(r.residual().name());
          Expr saved = savedValues.get(r.residual().name());
          out.add(new Stmt.Pop(target, saved instanceof Expr.Var v ? pullbackOf.get(v.name()) : null, reader));
        }
      } else if (s instanceof Stmt.Repeat r && tripsByKey.get(tripKey(r)) != null) {
        Trip trip = tripsByKey.get(tripKey(r));
        List<Stmt> recomputed = new ArrayList<>();
        trip.snapshots().values().forEach(snapshot -> recomputed.add(0, new Stmt.Pop(snapshot, null, reader)));
        trip.locals().forEach((name, assign) -> {
          if (trip.needed().contains(name)) {
            recomputed.add(new Stmt.Assign(assign.target(), fromCopies(trip.fromSnapshots(assign.value())), true));
          }
        });
        recomputed.addAll(backward(r.body()));
        List<String> copied = new ArrayList<>(trip.loop().copied());
        for (int k = copied.size() - 1; k >= 0; k--) {
          out.add(new Stmt.Effect(new Expr.PrimalCall(reader, "popDoubles", List.of(copyOf(copied.get(k))),
              Type.INT)));
        }
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
    TripNeeds needs = new TripNeeds(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    Set<String> writtenSoFar = trips.get(trips.size() - 1).written();
    if (!readable(e, name -> recomputableLocal(name, trips, writtenSoFar, needs), read -> copyable(read, trips, needs))) {
      return false;
    }
    needs.recomputed().forEach((trip, locals) -> trip.needed().addAll(locals));
    needs.copied().forEach((trip, arrays) -> trip.loop().copied().addAll(arrays));
    needs.kept().forEach((trip, locals) -> locals.forEach(name -> trip.snapshots().computeIfAbsent(name,
        n -> trip.carried().containsKey(n) ? new Expr.Var(names.temp(n + "Start"), trip.carried().get(n))
            : trip.locals().get(n).target())));
    return true;
  }

  /**
   * What reading a residual again in a backward trip takes, by trip: locals computed again, and
   * values taped once per trip (a carried local at the trip's start, a local costly or impossible to
   * compute again). The trips come in the order the read reached them, the order in which their
   * kept locals are named: never an order of hash codes (a trip's hash reads enums' identity hashes).
   */
  private record TripNeeds(Map<Trip, Set<String>> recomputed, Map<Trip, Set<String>> kept, Map<Trip, Set<String>> copied) {
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
        // A local computing a costly primitive (a transcendental, a root) is taped once per trip instead.
        if (Exprs.any(local.value(), x -> x instanceof Expr.Prim p && p.primitive().isCostly())
            || !readable(local.value(), inner -> recomputableLocal(inner, outer, before, needs),
            read -> copyable(read, outer, needs))) {
          needs.recomputed().get(trip).remove(name);
          needs.add(needs.kept(), trip, name);
        }
        return true;
      }
    }
    return false;
  }

  /**
   * A loop whose backward trips each compute their forward trip again, then run backwards through
   * it: what the trip computes lives in locals, and only loops inside it record, on {@code tape}
   * (null when nothing does), which each trip fills and empties. A checkpointed loop's stretch is one too.
   */
  private record Fused(List<Stmt> trip, String tape) {
    /** The trip placed again as {@code placed}: its forward statements, then its backward ones. */
    static Fused of(Reverse placed, String tape) {
      List<Stmt> trip = new ArrayList<>(placed.forward());
      trip.addAll(placed.backward());
      return new Fused(trip, placed.usesTape() ? tape : null);
    }

    /** The statement making the tape, where the trip records. */
    List<Stmt> newTape() {
      return tape == null ? List.of() : List.of(new Stmt.NewTape(tape));
    }
  }

  /**
   * {@code forward} then {@code backward}, their residuals placed on {@code tape}, a backward trip's
   * own, reading the locals {@code outside} as they are; without what the backward statements do not read.
   */
  private Reverse placedAgain(List<Stmt> forward, List<Stmt> backward, Set<String> outside, String tape) {
    ResidualPlacement again = new ResidualPlacement(names, outside, false, tape, true, false);
    return GradientSweeps.of(again.run(new Reverse(forward, backward, null, List.of(), false)), e -> true);
  }

  /**
   * {@code w}'s trip computed again and run backwards, when its trips depend on nothing another trip
   * computed: the trip reads only the counter, values readable at any time, and locals of its own
   * (a sum the loop carries is only added to, and the backward trip does not read it). Calls,
   * writes into arrays and fields that may change keep the trip on the tape: null.
   */
  private Fused fused(Stmt.While w, Trip trip) {
    Stmt.Repeat backward = backwardTrips.get(trip.counter());
    List<Stmt> body = w.body().subList(0, w.body().size() - 1);
    if (backward == null || Rewrite.anyMatch(body, s -> !recomputable(s))) {
      return null;
    }
    Set<String> outside = new HashSet<>();
    Rewrite.forEach(body, s -> Rewrite.operands(s).forEach(e -> outside.addAll(Exprs.vars(e))));
    outside.removeIf(name -> !stable(name) || writtenArrays.contains(name));
    outside.add(trip.counter());
    String tripTape = names.temp("tripTape");
    // Only what the backward trip reads is computed again: a sum the loop carries is not.
    Reverse placed = placedAgain(body, backward.body(), outside, tripTape);
    Set<String> declared = new HashSet<>(outside);
    boolean[] own = {true};
    Rewrite.forEach(placed.forward(), s -> {
      Rewrite.operands(s).forEach(e -> own[0] &= declared.containsAll(Exprs.vars(e)));
      if (s instanceof Stmt.Assign a && !a.declare()) {
        own[0] &= declared.contains(a.target().name());
      }
      Rewrite.assigned(s).forEach(v -> declared.add(v.name()));
      if (s instanceof Stmt.Save v) {
        declared.add(v.residual().name());
      } else if (s instanceof Stmt.Declare d) {
        declared.add(d.target().name());
      }
    });
    return own[0] ? Fused.of(placed, tripTape) : null;
  }

  /**
   * A loop that keeps checkpoints: the locals it carries ({@code carried}, each with the local a
   * stretch computes it in) at the start of every {@code interval}-th trip; {@code stretch}, the trips
   * from {@code start} to {@code end} run forwards again, then backwards; {@code segment} counts the
   * stretches down.
   */
  private record Checkpointed(Map<String, Expr.Var> carried, Fused stretch, Expr.Var interval, Expr.Var segment,
      Expr.Var start, Expr.Var end) {}

  /**
   * {@code w} with checkpoints, when its trips read only the counter, values readable at any time,
   * their own locals and the locals the loop carries; calls, writes into arrays and fields that may
   * change keep every trip's values: null.
   */
  private Checkpointed checkpointed(Stmt.While w, Trip trip) {
    Stmt.Repeat backward = backwardTrips.get(trip.counter());
    if (backward == null || Rewrite.anyMatch(w.body(), s -> !recomputable(s))
        || !Collections.disjoint(Exprs.vars(backward.downTo()), written(w.body()))) {
      return null;
    }
    Set<String> declared = new HashSet<>(written(w.body()));
    declared.removeAll(trip.carried().keySet());
    Set<String> outside = new HashSet<>();
    boolean[] readable = {true};
    Rewrite.forEach(w.body(), s -> Rewrite.operands(s).forEach(e -> Exprs.vars(e).forEach(name -> {
      if (!declared.contains(name) && !trip.carried().containsKey(name)) {
        readable[0] &= stable(name) && !writtenArrays.contains(name);
        outside.add(name);
      }
    })));
    if (!readable[0]) {
      return null;
    }
    Map<String, Expr.Var> carried = new LinkedHashMap<>();
    trip.carried().forEach((name, type) -> carried.put(name, new Expr.Var(names.temp(name), type)));
    Expr.Var start = new Expr.Var(names.temp("start"), Type.INT);
    Expr.Var end = new Expr.Var(names.temp("end"), Type.INT);
    Expr.Var counter = new Expr.Var(trip.counter(), Type.INT);
    // A stretch computes the carried locals in locals of its own: the forward sweep's stay as they ended.
    List<Stmt> body = Rewrite.stmts(w.body(), e -> e instanceof Expr.Var v && carried.containsKey(v.name())
        ? carried.get(v.name()) : e);
    List<Stmt> forward = List.of(new Stmt.Block(List.of(new Stmt.Assign(counter, start, true),
        new Stmt.While(new Expr.Binary(Expr.BinaryOp.LE, counter, end, Type.BOOLEAN), body))));
    List<Stmt> backwardStretch = List.of(new Stmt.Repeat(counter, end, start, backward.body()));
    outside.add(start.name());
    outside.add(end.name());
    carried.values().forEach(v -> outside.add(v.name()));
    String stretchTape = names.temp("stretchTape");
    Fused stretch = Fused.of(placedAgain(forward, backwardStretch, outside, stretchTape), stretchTape);
    return new Checkpointed(carried, stretch, new Expr.Var(names.temp("every"), Type.INT),
        new Expr.Var(names.temp("segment"), Type.INT), start, end);
  }

  /**
   * The forward loop of a checkpointed {@code w}: the carried locals taped at the start of every
   * {@code interval}-th trip, nothing else recorded.
   */
  private List<Stmt> keepCheckpoints(Stmt.While w, Checkpointed c) {
    Expr.Var counter = new Expr.Var(countedTrip(w).counter(), Type.INT);
    Expr trips = TapeReservation.trips(w, counter, counter);
    List<Stmt> keep = new ArrayList<>();
    c.carried().forEach((name, copy) -> keep.add(new Stmt.Push(new Expr.Var(name, copy.type()), copy.type(), tape)));
    // The counter's first value, as the backward loop reads it (a residual kept before the loop).
    Expr first = Rewrite.expr(backwardTrips.get(counter.name()).downTo(), this::read);
    Expr atCheckpoint = new Expr.Binary(Expr.BinaryOp.EQ, new Expr.Binary(Expr.BinaryOp.REM, minus(counter, first),
        c.interval(), Type.INT), Exprs.lit(Type.INT, 0), Type.BOOLEAN);
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.If(atCheckpoint, keep, List.of()));
    body.addAll(primal(w.body()));
    return List.of(new Stmt.Assign(c.interval(), tapeHelper("checkpointInterval", trips), true),
        new Stmt.While(w.condition(), body));
  }

  /**
   * The backward loop of a checkpointed loop {@code r}: the stretches from the last to the first,
   * each starting from the locals its checkpoint kept.
   */
  private List<Stmt> fromCheckpoints(Stmt.Repeat r, Checkpointed c) {
    Expr first = Rewrite.expr(r.downTo(), this::read);
    Expr last = Rewrite.expr(r.from(), this::read);
    Expr trips = minus(Exprs.plus(last, 1), first);
    List<Stmt> out = new ArrayList<>();
    out.add(new Stmt.Assign(c.interval(), tapeHelper("checkpointInterval", trips), true));
    out.addAll(c.stretch().newTape());
    List<Stmt> stretch = new ArrayList<>();
    Expr offset = new Expr.Binary(Expr.BinaryOp.MUL, Exprs.plus(c.segment(), -1), c.interval(), Type.INT);
    stretch.add(new Stmt.Assign(c.start(), first.equals(Exprs.lit(Type.INT, 0)) ? offset
        : new Expr.Binary(Expr.BinaryOp.ADD, first, offset, Type.INT), true));
    stretch.add(new Stmt.Assign(c.end(), new Expr.PrimalCall("Math", "min", List.of(Exprs.plus(
        new Expr.Binary(Expr.BinaryOp.ADD, c.start(), c.interval(), Type.INT), -1), last), Type.INT), true));
    List<Expr.Var> carried = new ArrayList<>(c.carried().values());
    for (int k = carried.size() - 1; k >= 0; k--) {
      stretch.add(new Stmt.Pop(carried.get(k), null, reader));
    }
    stretch.addAll(c.stretch().trip());
    out.add(Stmt.Repeat.times(c.segment(), tapeHelper("checkpoints", trips, c.interval()), stretch));
    return out;
  }

  /** {@code Tape.name(args)}: one of the tape's static helpers. */
  private static Expr tapeHelper(String name, Expr... args) {
    return new Expr.PrimalCall("Tape", name, List.of(args), Type.INT);
  }

  /** {@code a - b} for ints, {@code a} itself when {@code b} is 0. */
  static Expr minus(Expr a, Expr b) {
    return b.equals(Exprs.lit(Type.INT, 0)) ? a : new Expr.Binary(Expr.BinaryOp.SUB, a, b, Type.INT);
  }

  /** Whether {@code s} can run again in the backward sweep: no call, no write into an array, no changing field. */
  private static boolean recomputable(Stmt s) {
    boolean plain = s instanceof Stmt.Assign || s instanceof Stmt.Save || s instanceof Stmt.Declare
        || s instanceof Stmt.If || s instanceof Stmt.While || s instanceof Stmt.Block;
    return plain && Rewrite.operands(s).stream().allMatch(ResidualPlacement::pure);
  }

  /**
   * Whether {@code e} computes from its operands only: no call but Math's integer helpers, no changing
   * field, no element of a static array (which anyone may write into before the pullback runs).
   */
  private static boolean pure(Expr e) {
    return !Exprs.any(e, x -> x instanceof Expr.Call || x instanceof Expr.Lambda
        || x instanceof Expr.StaticField f && (f.mutable() || f.type().isArray())
        || x instanceof Expr.PrimalCall c && !integerHelper(c));
  }

  private static boolean integerHelper(Expr.PrimalCall c) {
    return (c.receiver().equals("Math") || c.receiver().equals("StrictMath"))
        && (c.type() == Type.INT || c.type() == Type.LONG);
  }

  /**
   * A fused loop's forward trip without what only its backward trips needed: no residuals, no trip
   * counts of the loops inside it.
   */
  private List<Stmt> primal(List<Stmt> body) {
    return GradientSweeps.sweep(body, s -> s instanceof Stmt.Save
        || s instanceof Stmt.Assign a && tripCountOf.containsValue(a.target().name()) ? null : s);
  }

  /**
   * Whether an element of a written array read inside {@code trips} can be read again from a copy
   * the outermost of them that does not write the array tapes once after it: where that loop reads
   * the array more than once per trip, a local {@code double[]} assigned once, at an index that moves.
   */
  private boolean copyable(Expr.ArrayRead read, List<Trip> trips, TripNeeds needs) {
    String array = ((Expr.Var) read.array()).name();
    if (valuesOnly || read.array().type() != Type.DOUBLE_ARRAY || !stable(array) || params.contains(array)
        || Exprs.vars(read.index()).isEmpty()) {
      return false;
    }
    for (Trip trip : trips) {
      if (!trip.loop().writes().contains(array)) {
        if (trip.loop().reads().getOrDefault(array, 0) < 2) {
          return false;
        }
        needs.add(needs.copied(), trip, array);
        return true;
      }
    }
    return false;
  }

  /** The array a backward loop reads {@code array}'s taped copy from. */
  private Expr.Var copyOf(String array) {
    return copies.computeIfAbsent(array, a -> new Expr.Var(names.temp(a + "Copy"), Type.DOUBLE_ARRAY));
  }

  /** {@code e} reading each array a loop tapes a copy of from that copy. */
  private Expr fromCopies(Expr e) {
    return Rewrite.expr(e, n -> n instanceof Expr.ArrayRead r && r.array() instanceof Expr.Var a
        && writtenArrays.contains(a.name()) && copies.containsKey(a.name())
        ? new Expr.ArrayRead(copies.get(a.name()), r.index(), r.type()) : n);
  }

  /** A read in the backward sweep: a residual becomes what placement made of it. */
  private Expr read(Expr e) {
    // Every residual was saved before the backward sweep reads it: placed holds each one.
    return e instanceof Expr.Var v && placed.containsKey(v.name()) ? placed.get(v.name()) : e;
  }

  /** Whether a local keeps its value from its assignment to the end of the backward sweep. */
  private boolean stable(String name) {
    int n = assignCount.getOrDefault(name, 0);
    return params.contains(name) ? n == 0 : !tapeEverything && topDeclared.contains(name) && n == 1;
  }

  /**
   * Whether {@code e} reads only literals, final fields, what {@code local} accepts, elements of
   * arrays nobody writes and those {@code written} accepts, without calls.
   */
  private boolean readable(Expr e, Predicate<String> local, Predicate<Expr.ArrayRead> written) {
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
      // element of a local array the function writes into is not, nor one of a static array, which
      // anyone may write into before the pullback runs.
      return r.array() instanceof Expr.Var v && (!writtenArrays.contains(v.name()) || written.test(r))
          && readable(r.array(), local, written) && readable(r.index(), local, written);
    }
    // Math's integer helpers (floorMod for a wrap-around index) are pure: computed again as they were.
    if (e instanceof Expr.Prim || e instanceof Expr.Binary || e instanceof Expr.Unary || e instanceof Expr.Cast
        || e instanceof Expr.Conditional || e instanceof Expr.ArrayLength
        || e instanceof Expr.PrimalCall c && integerHelper(c)) {
      return Exprs.children(e).stream().allMatch(c -> readable(c, local, written));
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

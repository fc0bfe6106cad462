package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts {@code tape.reserve(trips, doubles, ints, objects)} before the outermost counted loop whose
 * every trip records a number of values known on entry, loops nested in it included: the tape then
 * grows once for the whole loop instead of doubling its way there.
 */
final class TapeReservation {
  /** The stacks of the tape, in the order {@code reserve} takes their counts. */
  private static final int DOUBLES = 0;
  private static final int INTS = 1;
  private static final int OBJECTS = 2;

  private TapeReservation() {}

  /**
   * {@code forward}, recording on {@code tape}, with a reservation before each outermost counted loop
   * whose records can be counted.
   */
  static List<Stmt> reserve(List<Stmt> forward, String tape) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : forward) {
      Expr.Var counter = s instanceof Stmt.While w ? counter(w) : null;
      List<Map<Expr, Integer>> perTrip = counter == null ? null
          : records(((Stmt.While) s).body(), new LinkedHashMap<>(), tape);
      if (perTrip != null && invariant(perTrip, ((Stmt.While) s).body())) {
        if (perTrip.stream().anyMatch(m -> !m.isEmpty())) {
          out.add(new Stmt.Effect(new Expr.PrimalCall(tape, "reserve", List.of(trips((Stmt.While) s, counter, counter),
              sum(perTrip.get(DOUBLES)), sum(perTrip.get(INTS)), sum(perTrip.get(OBJECTS))), Type.INT)));
        }
        out.add(s);
      } else {
        out.add(Rewrite.withBodies(s, inner -> reserve(inner, tape)));
      }
    }
    return out;
  }

  /**
   * The counter of a loop that runs a number of trips known on entry (its condition compares the
   * counter with a bound the body does not change; its last statement, and only it, counts), or null.
   */
  private static Expr.Var counter(Stmt.While w) {
    if (w.body().isEmpty() || !(w.body().get(w.body().size() - 1) instanceof Stmt.Assign step)
        || !step.equals(Stmt.increment(step.target(), 1))) {
      return null;
    }
    Expr.Var counter = step.target();
    Expr last = Transposer.lastTrip(w.condition(), counter);
    if (last == null) {
      return null;
    }
    Set<String> written = ResidualPlacement.written(w.body());
    int[] counts = new int[1];
    Rewrite.forEach(w.body(), s -> counts[0] += Rewrite.assigned(s).contains(counter) ? 1 : 0);
    return counts[0] == 1 && Exprs.vars(last).stream().noneMatch(written::contains) ? counter : null;
  }

  /**
   * What one pass over {@code body} records on each stack of {@code tape}, as a sum of terms with coefficients (the
   * literal 1 for a constant count); null when a branch or a loop of unknown length records anything.
   * {@code starts} holds the values the locals declared so far in {@code body} started with.
   */
  private static List<Map<Expr, Integer>> records(List<Stmt> body, Map<String, Expr> starts, String tape) {
    List<Map<Expr, Integer>> out = List.of(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    Expr one = Exprs.lit(Type.INT, 1);
    for (Stmt s : body) {
      Expr.Var counter = s instanceof Stmt.While w ? counter(w) : null;
      if (s instanceof Stmt.Push p) {
        out.get(stack(p.type())).merge(one, 1, Integer::sum);
      } else if (s instanceof Stmt.Effect e && e.call().receiver().equals(tape)
          && e.call().method().equals("pushDoubles")) {
        out.get(DOUBLES).merge(new Expr.ArrayLength(e.call().args().get(0)), 1, Integer::sum);
      } else if (s instanceof Stmt.Assign a && a.declare()) {
        starts.put(a.target().name(), a.value());
      } else if (s instanceof Stmt.Block || counter != null && starts.containsKey(counter.name())) {
        // A block passes once, a loop of known length once per trip.
        List<Map<Expr, Integer>> inner = records(Rewrite.bodies(s).get(0), new LinkedHashMap<>(starts), tape);
        if (inner == null) {
          return null;
        }
        add(out, inner, s instanceof Stmt.While w ? trips(w, counter, starts.get(counter.name())) : one);
      } else if (!Rewrite.bodies(s).isEmpty() && Rewrite.anyMatch(List.of(s), t -> recordsItself(t, tape))) {
        return null;
      }
    }
    return out;
  }

  /** How many trips {@code w} runs from {@code counter}'s value {@code first} on: {@code last + 1 - first}. */
  static Expr trips(Stmt.While w, Expr.Var counter, Expr first) {
    return ResidualPlacement.minus(Exprs.plus(Transposer.lastTrip(w.condition(), counter), 1), first);
  }

  /** Adds {@code times} passes of {@code inner} to {@code out}. */
  private static void add(List<Map<Expr, Integer>> out, List<Map<Expr, Integer>> inner, Expr times) {
    Expr one = Exprs.lit(Type.INT, 1);
    for (int k = 0; k < out.size(); k++) {
      Map<Expr, Integer> into = out.get(k);
      inner.get(k).forEach((term, coefficient) -> into.merge(times.equals(one) ? term : term.equals(one) ? times
          : new Expr.Binary(Expr.BinaryOp.MUL, times, term, Type.INT), coefficient, Integer::sum));
    }
  }

  /** Whether {@code s} records a value on {@code tape} itself. */
  private static boolean recordsItself(Stmt s, String tape) {
    return s instanceof Stmt.Push || s instanceof Stmt.Effect e && e.call().receiver().equals(tape);
  }

  private static int stack(Type t) {
    return t == Type.OBJECT ? OBJECTS : t == Type.INT || t == Type.BOOLEAN ? INTS : DOUBLES;
  }

  /** Whether the counts read nothing the loop's {@code body} writes: the same on entry as in every trip. */
  private static boolean invariant(List<Map<Expr, Integer>> perTrip, List<Stmt> body) {
    Set<String> written = ResidualPlacement.written(body);
    return perTrip.stream().allMatch(m -> m.keySet().stream().allMatch(t -> Exprs.vars(t).stream()
        .noneMatch(written::contains)));
  }

  /** {@code 3 + 2 * n + m.length}: the count the terms add up to. */
  private static Expr sum(Map<Expr, Integer> terms) {
    Expr out = null;
    Expr one = Exprs.lit(Type.INT, 1);
    for (Map.Entry<Expr, Integer> t : terms.entrySet()) {
      Expr term = t.getKey().equals(one) ? Exprs.lit(Type.INT, t.getValue()) : t.getValue() == 1 ? t.getKey()
          : new Expr.Binary(Expr.BinaryOp.MUL, Exprs.lit(Type.INT, t.getValue()), t.getKey(), Type.INT);
      out = out == null ? term : new Expr.Binary(Expr.BinaryOp.ADD, out, term, Type.INT);
    }
    return out == null ? Exprs.lit(Type.INT, 0) : out;
  }
}

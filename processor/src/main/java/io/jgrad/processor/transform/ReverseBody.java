package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Linearized;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode as an ordinary body, so that it can be differentiated again or run in a kernel lane:
 * the {@link Transposer}'s sweeps of a body in single-assignment form, where every residual is read
 * where it was computed (no value is overwritten), cotangents gather by plain assignments, and a
 * callee's pullback is its pullback function called (second derivatives, reverse over reverse) or
 * its code spliced in (kernels).
 *
 * <p>Straight-line code, if/else and loops. A kernel lane has no heap, so it runs a loop backwards by
 * recomputation instead of a tape: the forward sweep keeps a snapshot of the locals the loop carries,
 * and the backward sweep, for each trip from the last, restores the snapshot, runs the trips up to
 * and including that one forward and then that trip's backward statements, the carried cotangents
 * flowing from trip to trip: O(trips²) trips run, no memory. Local arrays need a tape, which
 * generated code keeps in local arrays ({@link ArrayTapeBody}) and kernel lanes do not have (they run
 * on CPU lanes); so do loops in code differentiated again, which takes ArrayTapeBody.
 */
public final class ReverseBody {
  private final Names names;
  /**
   * For a kernel: a callee's pullback functions, spliced in as code; null for generated code, which
   * calls them.
   */
  private final java.util.function.Function<Callee, List<Function>> inlinePullbacks;
  private final Map<String, Stmt.Linearize> calls = new HashMap<>();
  private final Map<String, Expr> residuals = new HashMap<>();
  private final List<Stmt> hoisted = new ArrayList<>();
  private final Set<String> hoistedNames = new HashSet<>();
  /** The next call site of a record-result call read leaf by leaf in a branch. */
  private int recordSites;
  /** Each loop the backward sweep runs backwards, by the residual of its trip count. */
  private final Map<String, Loop> loops = new HashMap<>();
  private boolean recomputes;

  /**
   * A loop of the forward sweep: its trip as plain statements, without counting it, the assignments
   * that restore the locals it carries from their snapshot, and the local counting its trips.
   */
  private record Loop(List<Stmt> trip, List<Stmt> restores, Expr.Var trips) {}

  private ReverseBody(Names names, java.util.function.Function<Callee, List<Function>> inlinePullbacks) {
    this.names = names;
    this.inlinePullbacks = inlinePullbacks;
  }

  /**
   * A body computing the whole gradient, its cotangent seeded with 1, and the locals holding it;
   * {@code recomputes} when it runs a loop backwards by recomputation (O(trips²) trips run).
   */
  public record Gradient(List<Stmt> body, List<Expr.Var> components, boolean recomputes) {}

  /**
   * The gradient of {@code f} as one body for a kernel lane, each callee's pullback spliced in from
   * {@code pullbacks} (the callees' pullback functions; null or empty when a callee has none). The
   * body ends by returning the first component.
   */
  public static Gradient gradient(Callee f, List<Stmt> normalized, Names names,
      java.util.function.Function<Callee, List<Function>> pullbacks) {
    Reverse sweeps = sweeps(f, normalized, names);
    ReverseBody reverse = new ReverseBody(names, pullbacks);
    List<Stmt> body = reverse.body(sweeps, Exprs.lit(f.returnType(), 1));
    body.add(new Stmt.Return(sweeps.gradient().get(0)));
    return new Gradient(body, sweeps.gradient(), reverse.recomputes);
  }

  /**
   * The pullback functions of {@code f}, one per differentiated parameter, from its normalized body,
   * whose locals {@code names} knows.
   */
  public static List<Function> pullbacks(Callee f, List<Stmt> normalized, Names names) {
    if (f.recordResult() != null) {
      return recordPullbacks(f, normalized, names);
    }
    String g = names.fresh("g");
    Reverse sweeps = sweeps(f, normalized, names);
    List<Stmt> body = new ReverseBody(names, null).body(sweeps, new Expr.Var(g, f.returnType()));
    return pullbackFunctions(f, g, body, sweeps.gradient());
  }

  /**
   * The pullback functions of {@code f} with a record result of numbers: they take its cotangent leaf
   * by leaf, as a rule's do ({@link Pullbacks#cotangents}), each leaf's seed ({@code outBar.x()}) read
   * from its own parameter.
   */
  private static List<Function> recordPullbacks(Callee f, List<Stmt> normalized, Names names) {
    List<Callee.Param> cotangents = recordCotangents(f, names);
    Reverse sweeps = sweeps(f, normalized, names);
    return recordPullbackFunctions(f, cotangents, new ReverseBody(names, null).body(sweeps, null),
        sweeps.gradient());
  }

  /** The parameters taking the cotangent of {@code f}'s record result leaf by leaf, fresh in {@code names}. */
  static List<Callee.Param> recordCotangents(Callee f, Names names) {
    return Pullbacks.cotangents(f).stream().map(g -> new Callee.Param(names.fresh(g.name()), g.type(), true))
        .toList();
  }

  /**
   * {@code f}'s pullback functions over the record cotangent {@code cotangents}: {@code body}, reverse
   * mode written as code, with each leaf's seed ({@code outBar.x()}) read from its own parameter.
   */
  static List<Function> recordPullbackFunctions(Callee f, List<Callee.Param> cotangents, List<Stmt> reverse,
      List<Expr.Var> gradient) {
    Map<String, Expr.Var> seeds = new HashMap<>();
    List<RecordShape.Leaf> leaves = f.recordResult().shape().leaves();
    for (int i = 0; i < leaves.size(); i++) {
      Callee.Param g = cotangents.get(i);
      seeds.put(leaves.get(i).read(Reverse.SEED), new Expr.Var(g.name(), g.type()));
    }
    List<Stmt> body = Rewrite.stmts(reverse, e -> {
      Expr.Var seed = e instanceof Expr.PrimalCall c && c.args().isEmpty()
          ? seeds.get(c.receiver() + "." + c.method() + "()") : null;
      return seed != null ? seed : e;
    });
    List<Function> out = new ArrayList<>();
    List<Callee.Param> diff = f.differentiatedParams();
    for (int k = 0; k < diff.size(); k++) {
      List<Stmt> pullback = new ArrayList<>(body);
      pullback.add(new Stmt.Return(gradient.get(k)));
      out.add(withoutDeadStores(new Function.Plain(f.pullbackFunction(diff.get(k), cotangents), pullback)));
    }
    return out;
  }

  /**
   * {@code f}'s pullback functions at cotangent {@code g}: each runs {@code body}, which computes the
   * whole gradient, and returns its own component.
   */
  static List<Function> pullbackFunctions(Callee f, String g, List<Stmt> body, List<Expr.Var> gradient) {
    List<Function> out = new ArrayList<>();
    List<Callee.Param> diff = f.differentiatedParams();
    for (int k = 0; k < diff.size(); k++) {
      List<Stmt> pullback = new ArrayList<>(body);
      pullback.add(new Stmt.Return(gradient.get(k)));
      out.add(withoutDeadStores(new Function.Plain(f.pullbackFunction(diff.get(k), g), pullback)));
    }
    return out;
  }

  /**
   * {@code pullback} without what only the other components needed (each pullback function runs the
   * body computing the whole gradient) and without copies of locals: whatever order differentiates it
   * again would copy them.
   */
  private static Function withoutDeadStores(Function.Plain pullback) {
    Set<String> params = new HashSet<>(pullback.signature().paramNames());
    return new Function.Plain(pullback.signature(),
        DeadStores.drop(CopyLocals.propagate(pullback.body(), params), params));
  }

  /** The one transposer's sweeps of the body in single-assignment form, checked to be so. */
  private static Reverse sweeps(Callee f, List<Stmt> normalized, Names names) {
    List<Stmt> single = SingleAssignment.of(normalized, f.params(), names);
    Linearized jvp = Jvp.checked(single, f.differentiatedParams(), names);
    // Local arrays stopped at SingleAssignment: they take ArrayTapeBody, or CPU lanes.
    requireSinglyAssigned(jvp.program(), new HashSet<>(f.paramNames()));
    return Transposer.transpose(jvp.program(), jvp.tangents(), f, names);
  }

  /** Hoisted declarations, the forward sweep, then the backward sweep from the cotangent {@code seed}. */
  private List<Stmt> body(Reverse sweeps, Expr seed) {
    List<Stmt> forward = forward(sweeps.forward(), true);
    List<Stmt> backward = Rewrite.stmts(backward(sweeps.backward()), e -> seeded(e, seed) != e ? seeded(e, seed)
        : e instanceof Expr.Var v && residuals.containsKey(v.name()) ? residuals.get(v.name()) : e);
    List<Stmt> body = new ArrayList<>(hoisted);
    body.addAll(forward);
    body.addAll(backward);
    return body;
  }

  /**
   * {@code e} with the output cotangent {@link Reverse#SEED} replaced by {@code seed}: that cotangent itself,
   * or, for an array result, the copy of it the sweep clears as it goes ({@code seed.clone()}); else
   * {@code e} itself.
   */
  static Expr seeded(Expr e, Expr seed) {
    if (e instanceof Expr.Var v && v.name().equals(Reverse.SEED)) {
      return seed;
    }
    return e instanceof Expr.PrimalCall c && c.receiver().equals(Reverse.SEED) && seed instanceof Expr.Var s
        ? new Expr.PrimalCall(s.name(), c.method(), c.args(), c.type()) : e;
  }

  /**
   * The forward sweep as plain statements: a call keeps only its value, residuals are read where
   * they were computed, blocks open up and locals declared inside a branch or a loop are declared
   * before it, so that the backward statements see them.
   */
  private List<Stmt> forward(List<Stmt> sweep, boolean top) {
    List<Stmt> out = new ArrayList<>();
    Loop loop = null;
    for (Stmt s : sweep) {
      if (s instanceof Stmt.Save v) {
        residuals.put(v.residual().name(), v.value());
        // The transposer saves a loop's trip count right after the loop.
        if (loop != null && v.value().equals(loop.trips())) {
          loops.put(v.residual().name(), loop);
        }
      } else if (s instanceof Stmt.While w) {
        loop = loop(w, top, out);
        continue;
      } else if (s instanceof Stmt.Linearize l) {
        calls.put(l.pullback().name(), l);
        // A pullback function is differentiated again: outputs through custom rules are what their bodies compute.
        Callee callee = inlinePullbacks == null ? SecondOrder.output(l.callee()) : l.callee();
        if (l.callee().recordResult() != null && top) {
          // A rule with a record result: one call, its leaves read from it.
          out.add(new Stmt.CallRecord(names.var(l.callee().name(), Type.OBJECT), l.results(),
              new Expr.Call(l.callee(), l.args(), Type.OBJECT)));
        } else if (l.callee().recordResult() != null) {
          // In a branch its leaves are declared before it: each assigned from a read of one call site,
          // which the normalizer makes one call again when this function is differentiated.
          int site = recordSites++;
          for (int i = 0; i < l.results().size(); i++) {
            Expr.Var leaf = l.results().get(i);
            out.add(declared(new Stmt.Assign(leaf, new Expr.Call(l.callee().readingLeaf(i, site), l.args(),
                leaf.type()), l.declare()), false));
          }
        } else {
          out.add(declared(new Stmt.Assign(l.result(), new Expr.Call(callee, l.args(), l.result().type()),
              l.declare()), top));
        }
      } else if (s instanceof Stmt.If f) {
        out.add(new Stmt.If(f.condition(), forward(f.thenBody(), false), forward(f.elseBody(), false)));
      } else if (s instanceof Stmt.Block b) {
        out.addAll(forward(b.body(), top));
      } else if (s instanceof Stmt.Declare d && !top) {
        hoist(d.target());
      } else if (s instanceof Stmt.Assign a) {
        out.add(declared(a, top));
      } else {
        out.add(s);
      }
      loop = null;
    }
    return out;
  }

  /** {@code w} after a snapshot of the locals it carries, from which the backward sweep recomputes its trips. */
  private Loop loop(Stmt.While w, boolean top, List<Stmt> out) {
    List<Stmt> restores = new ArrayList<>();
    Stmt last = w.body().isEmpty() ? null : w.body().get(w.body().size() - 1);
    Expr.Var trips = last instanceof Stmt.Assign a ? a.target() : null;
    Map<String, Type> carried = SingleAssignment.carried(w.body());
    if (trips != null) {
      // The trip count's local is read before the trips are recomputed: it needs no snapshot.
      carried.remove(trips.name());
    }
    carried.forEach((name, type) -> {
      Expr.Var local = new Expr.Var(name, type);
      Expr.Var snapshot = names.var(name + "Start", type);
      out.add(declared(new Stmt.Assign(snapshot, local, true), top));
      restores.add(new Stmt.Assign(local, snapshot, false));
    });
    List<Stmt> trip = forward(w.body(), false);
    out.add(new Stmt.While(w.condition(), trip));
    // Where the transposer counts the trips (the last statement), the recomputed trips need not.
    return new Loop(trips == null ? trip : trip.subList(0, trip.size() - 1), restores, trips);
  }

  private Stmt declared(Stmt.Assign a, boolean top) {
    if (top || !a.declare()) {
      return a;
    }
    hoist(a.target());
    return new Stmt.Assign(a.target(), a.value(), false);
  }

  private void hoist(Expr.Var v) {
    if (!v.type().isScalar() && v.type() != Type.BOOLEAN && v.type() != Type.INT) {
      throw new NotBatchable("order 2 of a function that reaches a @CustomVjp rule and declares "
          + v.name() + " (not a number) inside a branch is not supported yet");
    }
    // Both branches may declare a local of the same name: one declaration serves them.
    if (hoistedNames.add(v.name())) {
      hoisted.add(new Stmt.Assign(v, Exprs.zero(v.type()), true));
    }
  }

  /** The backward sweep as plain statements: accumulations as sums, pullbacks as calls. */
  private List<Stmt> backward(List<Stmt> sweep) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : sweep) {
      if (s instanceof Stmt.Accumulate a) {
        out.addAll(ArrayTapeBody.accumulate(a, names));
      } else if (s instanceof Stmt.Repeat r) {
        out.addAll(recompute(r));
      } else if (s instanceof Stmt.PullBack p) {
        Expr pullback = residuals.getOrDefault(p.pullback().name(), p.pullback());
        Stmt.Linearize call = calls.get(pullback instanceof Expr.Var v ? v.name() : p.pullback().name());
        out.addAll(inlinePullbacks == null ? callPullBack(p, call.args(), names) : splicePullBack(p, call.args()));
      } else if (!(s instanceof Stmt.Restore)) { // every residual is read where it was computed
        out.add(Rewrite.withBodies(s, this::backward));
      }
    }
    return out;
  }

  /**
   * A loop run backwards by recomputation: for each trip, the last first, the carried locals
   * restored from their snapshot, the trips up to and including this one run forward, then this
   * trip's backward statements.
   */
  private List<Stmt> recompute(Stmt.Repeat r) {
    recomputes = true;
    Loop loop = loops.get(((Expr.Var) r.from()).name());
    Expr.Var replayed = names.var("replayed", Type.INT);
    List<Stmt> replay = new ArrayList<>(loop.trip());
    replay.add(Stmt.increment(replayed, 1));
    List<Stmt> trip = new ArrayList<>(loop.restores());
    trip.add(new Stmt.Assign(replayed, Exprs.lit(Type.INT, 0), true));
    trip.add(new Stmt.While(new Expr.Binary(Expr.BinaryOp.LT, replayed, r.counter(), Type.BOOLEAN), replay));
    trip.addAll(backward(r.body()));
    return ArrayTapeBody.countDown(r, trip);
  }

  /**
   * A callee's pullback in code that is differentiated again: {@code argBar += calleePullbackK(args,
   * resultBar)} for each differentiated argument, or through a function object's partials (order 2
   * and doubles are checked before generation, by {@code OrderLimits}).
   */
  static List<Stmt> callPullBack(Stmt.PullBack p, List<Expr> callArgs, Names names) {
    Callee callee = p.callee();
    if (callee.isFunctionObject()) {
      return functionObjectCall(p, callArgs, names);
    }
    // A rule with a record result of doubles takes the result's cotangent leaf by leaf.
    // A rule with an array result of doubles takes the result's cotangent array.
    boolean leaves = (callee.recordResult() != null || callee.returnType() == Type.DOUBLE_ARRAY)
        && callee.differentiatedParams().stream().allMatch(q -> q.type() == Type.DOUBLE);
    if (callee.order() < 2 || !callee.doublesOnly() && !leaves) {
      throw new IllegalStateException("reverse over reverse through " + callee.name() + " passed OrderLimits");
    }
    List<Callee.Param> diff = callee.differentiatedParams();
    return parts(p, callArgs, names, (k, args, part) -> List.of(new Stmt.Assign(part, new Expr.Call(
        callee.pullbackFunction(diff.get(k), Pullbacks.cotangents(callee)), args, part.type()), true)));
  }

  /** A callee's pullback in a kernel: each of its pullback functions' own code spliced in. */
  private List<Stmt> splicePullBack(Stmt.PullBack p, List<Expr> callArgs) {
    Callee callee = p.callee();
    if (callee.isFunctionObject()) {
      throw new NotBatchable("a call through the function object " + callee.receiver() + " cannot"
          + " run in a kernel");
    }
    if (!callee.doublesOnly()) {
      throw new NotBatchable("order 2 by reverse over reverse through " + callee.name()
          + ", which takes or returns something other than double, is not supported yet");
    }
    return parts(p, callArgs, names, (k, args, part) -> {
      List<Function> pullbacks = inlinePullbacks.apply(callee);
      if (pullbacks == null || pullbacks.isEmpty()) {
        throw new NotBatchable("the reverse mode of " + callee.name() + " is not available as code"
            + " here (its fwd or bwd is outside the differentiable subset, or it has a rule kernels cannot expand)");
      }
      return Inliner.spliceCall(pullbacks.get(k), args, part, names, null);
    });
  }

  /** How one differentiated argument's part of a pullback is computed: {@code part} from {@code args}. */
  private interface Part {
    List<Stmt> compute(int k, List<Expr> args, Expr.Var part);
  }

  /**
   * {@code argBar += part} for each differentiated argument {@code k} that takes a cotangent, each part
   * computed by {@code part} from the call's arguments and the result's cotangent.
   */
  private static List<Stmt> parts(Stmt.PullBack p, List<Expr> callArgs, Names names, Part part) {
    Callee callee = p.callee();
    List<Stmt> out = new ArrayList<>();
    List<Callee.Param> diff = callee.differentiatedParams();
    for (int k = 0; k < diff.size(); k++) {
      Expr.Var argBar = p.argCotangents().get(k);
      if (argBar == null) {
        continue;
      }
      List<Expr> args = new ArrayList<>(callArgs);
      // One cotangent per leaf of a record result; a leaf nothing read has none, zero.
      p.cotangents().forEach(g -> args.add(g == null ? Exprs.lit(Type.DOUBLE, 0) : g));
      Expr.Var local = names.var(callee.name() + "Part", diff.get(k).type());
      out.addAll(part.compute(k, args, local));
      out.add(new Stmt.Assign(argBar, Exprs.prim(Primitive.ADD, argBar, local), false));
    }
    return out;
  }

  /**
   * {@code f.value(x, y)}: {@code xBar += resultBar · f.partialFirst().value(x, y)}, whose reverse mode
   * is the partial's own vjp (functions compiled with order 2 give their objects partials).
   */
  private static List<Stmt> functionObjectCall(Stmt.PullBack p, List<Expr> args, Names names) {
    Callee callee = p.callee();
    List<Stmt> out = new ArrayList<>();
    for (int k = 0; k < callee.params().size(); k++) {
      Expr.Var argBar = p.argCotangents().get(k);
      if (argBar == null) {
        continue;
      }
      Callee object = SecondOrder.partial(callee, k);
      Expr.Var slope = names.var("partial", Type.DOUBLE);
      out.add(new Stmt.Assign(slope, new Expr.Call(object, args, slope.type()), true));
      Expr term = Exprs.prim(Primitive.MUL, p.cotangent(), slope);
      out.add(new Stmt.Assign(argBar, Exprs.prim(Primitive.ADD, argBar, term), false));
    }
    return out;
  }

  /**
   * The backward statements read primal values as the forward ones leave them: a local assigned
   * twice on one path (a loop counter, {@code x = x * 2}) would be read after its last assignment.
   */
  private static void requireSinglyAssigned(List<Linear> program, Set<String> assigned) {
    for (Linear l : program) {
      Expr.Var target = l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Assign a ? a.target()
          : l instanceof Linear.Call c ? c.result() : null;
      if (target != null && !assigned.add(target.name())) {
        throw new IllegalStateException(target.name() + " is assigned twice after single-assignment form");
      }
      if (l instanceof Linear.If f) {
        Set<String> inThen = new HashSet<>(assigned);
        Set<String> inElse = new HashSet<>(assigned);
        requireSinglyAssigned(f.thenBody(), inThen);
        requireSinglyAssigned(f.elseBody(), inElse);
        assigned.addAll(inThen);
        assigned.addAll(inElse);
      } else if (l instanceof Linear.Block b) {
        requireSinglyAssigned(b.body(), assigned);
      } else if (l instanceof Linear.While w) {
        // A trip assigns each of its locals once, and the locals the loop carries once more at its end.
        Set<String> inTrip = new HashSet<>();
        requireSinglyAssigned(w.body(), inTrip);
        assigned.addAll(inTrip);
      }
    }
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Linearized;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Primitive;
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
 * Reverse mode of a body with loops or local arrays as an ordinary body, so that it can be
 * differentiated again (reverse over reverse): the placed sweeps with their tape as two local
 * arrays, one of numbers and one of ints, sized by a first run of the forward sweep that only counts
 * what it would record. A callee's pullback is its pullback function, called with the arguments the
 * call had, which the tape keeps where they may change.
 */
final class ArrayTapeBody {
  private final Names names;
  private final Set<String> params = new HashSet<>();
  private final Expr.Var numbers;
  private final Expr.Var ints;
  private final Expr.Var numberTop;
  private final Expr.Var intTop;
  /** The arguments each pullback was linearized with, by the local holding the pullback. */
  private final Map<String, List<Expr>> callArgs = new HashMap<>();
  /** The callee of each pullback, by the local holding the pullback. */
  private final Map<String, Callee> callees = new HashMap<>();
  /** The call sites of rules with a record result written so far. */
  private int recordSites;

  private ArrayTapeBody(Callee f, Names names) {
    this.names = names;
    f.params().forEach(p -> params.add(p.name()));
    numbers = names.var("tapeNumbers", Type.DOUBLE_ARRAY);
    ints = names.var("tapeInts", Type.INT_ARRAY);
    numberTop = names.var("numberCount", Type.INT);
    intTop = names.var("intCount", Type.INT);
  }

  /**
   * The pullback functions of {@code f}, one per differentiated parameter, from its normalized body
   * (whose locals {@code names} knows) and its linearization.
   */
  static List<Function> pullbacks(Callee f, List<Stmt> normalized, Names names) {
    // A record result's cotangent comes leaf by leaf, as a rule's does.
    List<Callee.Param> cotangents = f.recordResult() != null ? ReverseBody.recordCotangents(f, names) : null;
    String g = cotangents != null ? null : names.fresh("g");
    Linearized jvp = Jvp.checked(normalized, f.differentiatedParams(), names);
    Reverse sweeps = ResidualPlacement.place(Transposer.transpose(jvp.program(), jvp.tangents(), f, names), f, names,
        ResidualPlacement.Policy.ARRAY_TAPE, false);
    if (cotangents != null) {
      return ReverseBody.recordPullbackFunctions(f, cotangents, new ArrayTapeBody(f, names).body(sweeps, null),
          sweeps.gradient());
    }
    List<Stmt> body = new ArrayTapeBody(f, names).body(sweeps, new Expr.Var(g, f.returnType()));
    return ReverseBody.pullbackFunctions(f, g, body, sweeps.gradient());
  }

  /** The counting run, the tape's arrays, the recording run, then the backward sweep from {@code seed}. */
  private List<Stmt> body(Reverse sweeps, Expr seed) {
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Assign(numberTop, Exprs.lit(Type.INT, 0), true));
    body.add(new Stmt.Assign(intTop, Exprs.lit(Type.INT, 0), true));
    // At the top level, not in a block: a counting run differentiated again (order 3 and above) sizes
    // its arrays' cotangents from the arrays themselves, which a block would hide.
    body.addAll(counting(sweeps.forward()));
    body.add(new Stmt.Assign(numbers, new Expr.NewArray(Type.DOUBLE_ARRAY, numberTop), true));
    body.add(new Stmt.Assign(ints, new Expr.NewArray(Type.INT_ARRAY, intTop), true));
    body.add(new Stmt.Assign(numberTop, Exprs.lit(Type.INT, 0), false));
    body.add(new Stmt.Assign(intTop, Exprs.lit(Type.INT, 0), false));
    body.addAll(forward(sweeps.forward(), false));
    body.addAll(Rewrite.stmts(backward(sweeps.backward()), e -> ReverseBody.seeded(e, seed)));
    return body;
  }

  /**
   * The forward sweep run only to count what it records: its locals renamed, so that the recording
   * run declares its own, and each record a count.
   */
  private List<Stmt> counting(List<Stmt> sweep) {
    Map<String, String> renamed = new HashMap<>();
    Rewrite.forEach(sweep, s -> {
      // A call's results: every leaf of a record result.
      List<Expr.Var> targets = s instanceof Stmt.Assign a ? List.of(a.target())
          : s instanceof Stmt.Declare d ? List.of(d.target()) : s instanceof Stmt.Save v ? List.of(v.residual())
          : s instanceof Stmt.Linearize l ? l.results() : List.of();
      targets.stream().filter(t -> !params.contains(t.name()))
          .forEach(t -> renamed.computeIfAbsent(t.name(), names::fresh));
    });
    List<Stmt> counted = forward(sweep, true);
    // The locals holding calls' arguments, named by this run, are declared again by the recording run.
    callArgs.values().forEach(args -> args.forEach(arg -> {
      if (arg instanceof Expr.Var v && !params.contains(v.name())) {
        renamed.computeIfAbsent(v.name(), names::fresh);
      }
    }));
    return Rewrite.stmts(counted, e -> e instanceof Expr.Var v && renamed.containsKey(v.name())
        ? new Expr.Var(renamed.get(v.name()), v.type()) : e);
  }

  /**
   * The forward sweep as plain statements: each record written into the arrays, or, when
   * {@code counting}, only counted; calls keep what their pullbacks need.
   */
  private List<Stmt> forward(List<Stmt> sweep, boolean counting) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : sweep) {
      if (s instanceof Stmt.Push p && p.type() == Type.OBJECT) {
        // Every argument, by its parameter's type, so that the pop knows what to read from the callee.
        List<Expr> args = callArgs.get(((Expr.Var) p.value()).name());
        List<Callee.Param> params = callees.get(((Expr.Var) p.value()).name()).params();
        for (int i = 0; i < args.size(); i++) {
          record(args.get(i), params.get(i).type(), counting, out);
        }
      } else if (s instanceof Stmt.Push p) {
        record(p.value(), p.type(), counting, out);
      } else if (s instanceof Stmt.Linearize l) {
        out.addAll(call(l));
      } else if (s instanceof Stmt.Save v) {
        out.add(new Stmt.Assign(v.residual(), v.value(), true));
      } else {
        out.add(Rewrite.withBodies(s, inner -> forward(inner, counting)));
      }
    }
    return out;
  }

  /**
   * {@code y = g(args)} as the value of g's output (what custom rules' bodies compute), its arguments
   * kept in locals of their own where they are locals that may change before the pullback runs.
   */
  private List<Stmt> call(Stmt.Linearize l) {
    List<Stmt> out = new ArrayList<>();
    // The counting run names the locals, the recording run reuses them.
    List<Expr> args = callArgs.computeIfAbsent(l.pullback().name(), pullback -> l.args().stream()
        .map(arg -> stable(arg) ? arg : names.var(l.callee().name() + "Arg", arg.type())).toList());
    callees.put(l.pullback().name(), l.callee());
    for (int i = 0; i < args.size(); i++) {
      if (!stable(l.args().get(i))) {
        out.add(new Stmt.Assign((Expr.Var) args.get(i), l.args().get(i), true));
      }
    }
    if (l.callee().recordResult() != null) {
      // A rule with a record result: each leaf a read of one call site, which the normalizer makes
      // one call again when this body is differentiated.
      int site = recordSites++;
      for (int i = 0; i < l.results().size(); i++) {
        Expr.Var leaf = l.results().get(i);
        out.add(new Stmt.Assign(leaf, new Expr.Call(l.callee().readingLeaf(i, site), args, leaf.type()),
            l.declare()));
      }
      return out;
    }
    out.add(new Stmt.Assign(l.result(), new Expr.Call(SecondOrder.output(l.callee()), args, l.result().type()),
        l.declare()));
    return out;
  }

  /** Whether the backward sweep may read {@code arg} where it is: a parameter or a constant. */
  private boolean stable(Expr arg) {
    return arg instanceof Expr.Const || arg instanceof Expr.Var v && params.contains(v.name());
  }

  private static boolean onIntTape(Type t) {
    return t == Type.INT || t == Type.BOOLEAN;
  }

  /** Writes {@code value} on the tape of its type and moves that tape's top, or only moves it. */
  private void record(Expr value, Type type, boolean counting, List<Stmt> out) {
    Expr.Var top = onIntTape(type) ? intTop : numberTop;
    if (!counting && onIntTape(type)) {
      out.add(new Stmt.ArrayWrite(ints, top, type == Type.BOOLEAN
          ? new Expr.Conditional(value, Exprs.lit(Type.INT, 1), Exprs.lit(Type.INT, 0), Type.INT) : value));
    } else if (!counting) {
      out.add(new Stmt.ArrayWrite(numbers, top, type == Type.DOUBLE ? value : new Expr.Cast(Type.DOUBLE, value)));
    }
    out.add(Stmt.increment(top, 1));
  }

  /** The backward sweep: records read back in reverse, loops run backwards, cotangents as sums. */
  private List<Stmt> backward(List<Stmt> sweep) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : sweep) {
      if (s instanceof Stmt.Pop p && p.pullbackOf() != null) {
        List<Callee.Param> params = p.pullbackOf().params();
        List<Expr> args = new ArrayList<>();
        for (int i = params.size() - 1; i >= 0; i--) {
          Expr.Var restored = names.var(p.pullbackOf().name() + "Arg", params.get(i).type());
          out.addAll(readBack(restored));
          args.add(0, restored);
        }
        callArgs.put(p.target().name(), args);
      } else if (s instanceof Stmt.Pop p) {
        out.addAll(readBack(p.target()));
      } else if (s instanceof Stmt.Repeat r) {
        out.addAll(countDown(r, backward(r.body())));
      } else if (s instanceof Stmt.Accumulate a) {
        out.addAll(accumulate(a, names));
      } else if (s instanceof Stmt.PullBack p) {
        out.addAll(ReverseBody.callPullBack(p, callArgs.get(p.pullback().name()), names));
      } else {
        out.add(Rewrite.withBodies(s, this::backward));
      }
    }
    return out;
  }

  /**
   * {@code target += value}: into a local, an element, or element by element into an array; new
   * locals are named in {@code names}. Reverse mode written as code accumulates this way.
   */
  static List<Stmt> accumulate(Stmt.Accumulate a, Names names) {
    Primitive op = a.subtract() ? Primitive.SUB : Primitive.ADD;
    Expr.Var target = a.target();
    if (!target.type().isArray()) {
      return List.of(new Stmt.Assign(target, Exprs.prim(op, target, a.value()), false));
    }
    Type element = target.type().element();
    if (a.index() != null) {
      Expr.Var index = names.var("index", Type.INT);
      return List.of(new Stmt.Assign(index, a.index(), true), new Stmt.ArrayWrite(target, index,
          Exprs.prim(op, new Expr.ArrayRead(target, index, element), a.value())));
    }
    // A whole array's cotangent: element by element, as the runtime's Accumulate.add does.
    Expr.Var k = names.var("k", Type.INT);
    Expr value = new Expr.ArrayRead(a.value(), k, element);
    return List.of(new Stmt.Assign(k, Exprs.lit(Type.INT, 0), true),
        new Stmt.While(new Expr.Binary(Expr.BinaryOp.LT, k, new Expr.ArrayLength(target), Type.BOOLEAN), List.of(
            new Stmt.ArrayWrite(target, k, Exprs.prim(op, new Expr.ArrayRead(target, k, element), value)),
            Stmt.increment(k, 1))));
  }

  /** {@code top = top - 1; target = tape[top]}, narrowed back to the target's type. */
  private List<Stmt> readBack(Expr.Var target) {
    Type t = target.type();
    Expr.Var top = onIntTape(t) ? intTop : numberTop;
    Expr read = new Expr.ArrayRead(onIntTape(t) ? ints : numbers, top, onIntTape(t) ? Type.INT : Type.DOUBLE);
    Expr value = t == Type.BOOLEAN ? new Expr.Binary(Expr.BinaryOp.NE, read, Exprs.lit(Type.INT, 0), Type.BOOLEAN)
        : t == Type.INT || t == Type.DOUBLE ? read : new Expr.Cast(t, read);
    return List.of(Stmt.increment(top, -1), new Stmt.Assign(target, value, true));
  }

  /** {@code counter = from; while (counter >= downTo) { body; counter = counter - 1; }}: {@code r} as a loop. */
  static List<Stmt> countDown(Stmt.Repeat r, List<Stmt> body) {
    List<Stmt> loop = new ArrayList<>(body);
    loop.add(Stmt.increment(r.counter(), -1));
    return List.of(new Stmt.Assign(r.counter(), r.from(), true), new Stmt.While(r.condition(), loop));
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Linearized;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.rules.Primitive;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode as IR: the transpose of a linearized program written as an ordinary body (the primal
 * statements, then the cotangents in reverse order), so that it can be differentiated again. This
 * gives the pullback functions of a function that reaches a {@code @CustomVjp} rule, whose second
 * derivatives are reverse over reverse; calls go to the callees' own pullback functions.
 *
 * <p>Supported: straight-line code and if/else, each local assigned once on every path (the
 * backward statements read primal values as the forward ones left them); loops, local arrays and
 * calls through function objects are reported as not supported yet.
 */
public final class Transpose {
  private final Names names;
  private final Map<String, Expr.Var> bars = new LinkedHashMap<>();
  private final List<Stmt> hoisted = new ArrayList<>();
  private final Set<String> hoistedNames = new HashSet<>();
  /**
   * For a kernel: a callee's pullback functions, spliced in as code; null for generated code, which
   * calls them.
   */
  private final java.util.function.Function<Callee, List<Function>> inlinePullbacks;

  private Transpose(Names names, java.util.function.Function<Callee, List<Function>> inlinePullbacks) {
    this.names = names;
    this.inlinePullbacks = inlinePullbacks;
  }

  /** A body computing the whole gradient, its cotangent seeded with 1, and the locals holding it. */
  public record Gradient(List<Stmt> body, List<Expr.Var> components) {}

  /**
   * The gradient of {@code f} as one body for a kernel lane: the transpose of its normalized body's
   * linearized program, each callee's pullback spliced in from {@code pullbacks} (the
   * callees' pullback functions; null or empty when a callee has none). The body ends by returning
   * the first component.
   */
  public static Gradient gradient(Callee f, List<Stmt> normalized, Names names,
      java.util.function.Function<Callee, List<Function>> pullbacks) {
    Linearized jvp = linearize(f, normalized, names);
    Transpose t = new Transpose(names, pullbacks);
    // The parameters' cotangents first: one that nothing reaches is still declared, and stays zero.
    List<Expr.Var> components = new ArrayList<>();
    for (Callee.Param p : f.differentiatedParams()) {
      components.add(t.bar(jvp.tangents().get(p.name())));
    }
    List<Stmt> body = t.sweeps(jvp.program(), Exprs.lit(f.returnType(), 1));
    body.add(new Stmt.Return(components.get(0)));
    return new Gradient(body, components);
  }

  /**
   * The pullback functions of {@code f}, one per differentiated parameter, from its normalized body,
   * whose locals {@code names} knows.
   */
  public static List<Function> pullbacks(Callee f, List<Stmt> normalized, Names names) {
    List<Function> out = new ArrayList<>();
    Callee.Param g = new Callee.Param(names.fresh("g"), f.returnType(), true);
    Linearized jvp = linearize(f, normalized, names);
    for (Callee.Param p : f.differentiatedParams()) {
      out.add(pullback(f, p, g, jvp, names));
    }
    return out;
  }

  /** The linearized program of the body in single-assignment form, checked to be so. */
  private static Linearized linearize(Callee f, List<Stmt> normalized, Names names) {
    List<Stmt> single = SingleAssignment.of(normalized, f.params(), names);
    Linearized jvp = Jvp.transform(single, f.differentiatedParams(), names);
    if (!jvp.problems().isEmpty()) {
      throw new SecondOrder.Unsupported(String.join("; ", jvp.problems()));
    }
    requireSinglyAssigned(jvp.program(), new HashSet<>(f.params().stream().map(Callee.Param::name).toList()));
    return jvp;
  }

  private static Function pullback(Callee f, Callee.Param p, Callee.Param g, Linearized jvp, Names names) {
    Transpose t = new Transpose(names, null);
    // The parameter's cotangent first: when nothing reaches it, it is still declared, and stays zero.
    Expr.Var paramBar = t.bar(jvp.tangents().get(p.name()));
    List<Stmt> body = t.sweeps(jvp.program(), new Expr.Var(g.name(), g.type()));
    body.add(new Stmt.Return(paramBar));
    return new Function.Plain(f.pullbackFunction(p, g.name()), body);
  }

  /**
   * The forward statements, every cotangent declared zero, then the backward statements from the
   * output's cotangent {@code seed}.
   */
  private List<Stmt> sweeps(List<Linear> program, Expr seed) {
    List<Stmt> forward = forward(program);
    List<Stmt> backward = new ArrayList<>();
    backward(program, seed, backward);
    List<Stmt> body = new ArrayList<>(hoisted);
    body.addAll(forward);
    for (Expr.Var bar : bars.values()) {
      body.add(new Stmt.Assign(bar, Exprs.lit(bar.type(), 0), true));
    }
    body.addAll(backward);
    return body;
  }

  /** The primal statements; locals first assigned inside a branch are declared before it. */
  private List<Stmt> forward(List<Linear> program) {
    List<Stmt> out = new ArrayList<>();
    for (Linear l : program) {
      if (l instanceof Linear.Primal p) {
        out.add(p.stmt());
      } else if (l instanceof Linear.Call c) {
        // A pullback function is differentiated again: outputs through custom rules are what their bodies compute.
        Callee callee = inlinePullbacks == null ? SecondOrder.output(c.callee()) : c.callee();
        out.add(new Stmt.Assign(c.result(), new Expr.Call(callee, c.args(), c.result().type()), c.declare()));
      } else if (l instanceof Linear.If f) {
        out.add(new Stmt.If(f.condition(), branch(forward(f.thenBody())), branch(forward(f.elseBody()))));
      } else if (l instanceof Linear.Block b) {
        out.addAll(forward(b.body()));
      } else if (l instanceof Linear.While) {
        throw new SecondOrder.Unsupported("order 2 of a function with a loop that reaches a @CustomVjp rule"
            + " (reverse over reverse) is not supported yet");
      } else if (l instanceof Linear.TangentArray || l instanceof Linear.TangentWrite) {
        throw new SecondOrder.Unsupported("order 2 of a function with local arrays that reaches a @CustomVjp"
            + " rule (reverse over reverse) is not supported yet");
      }
    }
    return out;
  }

  /** A branch whose declarations move before the if, so that the backward statements see them. */
  private List<Stmt> branch(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a && a.declare()) {
        hoist(a.target());
        out.add(new Stmt.Assign(a.target(), a.value(), false));
      } else if (s instanceof Stmt.Declare d) {
        hoist(d.target());
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private void hoist(Expr.Var v) {
    if (!v.type().isScalar()) {
      throw new SecondOrder.Unsupported("order 2 of a function that reaches a @CustomVjp rule and declares "
          + v.name() + " (not a number) inside a branch is not supported yet");
    }
    // Both branches may declare a local of the same name: one declaration serves them.
    if (hoistedNames.add(v.name())) {
      hoisted.add(new Stmt.Assign(v, Exprs.lit(v.type(), 0), true));
    }
  }

  /** The cotangent statements, last primal statement first. */
  private void backward(List<Linear> program, Expr seed, List<Stmt> out) {
    for (int i = program.size() - 1; i >= 0; i--) {
      Linear l = program.get(i);
      if (l instanceof Linear.Return r && r.tangent() != null) {
        accumulate(r.tangent(), seed, out);
      } else if (l instanceof Linear.Tangent t) {
        Expr.Var tBar = bar(t.target());
        for (Linear.Term term : t.terms()) {
          Expr contribution = term.factor() == null ? tBar
              : term.divide() ? prim(Primitive.DIV, tBar, term.factor()) : prim(Primitive.MUL, term.factor(), tBar);
          if (term.negate()) {
            contribution = new Expr.Prim(Primitive.NEG, List.of(contribution), contribution.type(), false);
          }
          accumulate(term.source(), contribution, out);
        }
      } else if (l instanceof Linear.Call c) {
        call(c, out);
      } else if (l instanceof Linear.If f) {
        List<Stmt> thenBody = new ArrayList<>();
        List<Stmt> elseBody = new ArrayList<>();
        backward(f.thenBody(), seed, thenBody);
        backward(f.elseBody(), seed, elseBody);
        out.add(new Stmt.If(f.condition(), thenBody, elseBody));
      } else if (l instanceof Linear.Block b) {
        backward(b.body(), seed, out);
      }
    }
  }

  /** {@code argBar += calleePullbackK(args, resultBar)} for each differentiated argument. */
  private void call(Linear.Call c, List<Stmt> out) {
    Callee callee = c.callee();
    if (callee.isFunctionObject()) {
      functionObjectCall(c, out);
      return;
    }
    if (callee.order() < 2 && inlinePullbacks == null) {
      throw new SecondOrder.Unsupported("order 2 through a call to " + callee.name() + ", which has order 1;"
          + " hint: give " + callee.name() + " order = 2");
    }
    if (callee.returnType() != io.jgrad.processor.ir.Type.DOUBLE
        || callee.differentiatedParams().stream().anyMatch(p -> p.type() != io.jgrad.processor.ir.Type.DOUBLE)) {
      throw new SecondOrder.Unsupported("order 2 by reverse over reverse through " + callee.name()
          + ", which takes or returns something other than double, is not supported yet");
    }
    List<Callee.Param> diff = callee.differentiatedParams();
    for (int k = 0; k < diff.size(); k++) {
      Expr.Var argDot = c.argTangents().get(k);
      if (argDot == null) {
        continue;
      }
      List<Expr> args = new ArrayList<>(c.args());
      args.add(bar(c.resultDot()));
      Expr.Var part = names.var(callee.name() + "Part", diff.get(k).type());
      if (inlinePullbacks != null) {
        out.addAll(splicePullback(callee, k, args, part));
      } else {
        Callee pullback = callee.pullbackFunction(diff.get(k), callee.pullbackCotangentName());
        out.add(new Stmt.Assign(part, new Expr.Call(pullback, args, part.type()), true));
      }
      accumulate(argDot, part, out);
    }
  }

  /** {@code part = calleePullbackK(args)} as the pullback function's own code, for a kernel. */
  private List<Stmt> splicePullback(Callee callee, int k, List<Expr> args, Expr.Var part) {
    List<Function> pullbacks = inlinePullbacks.apply(callee);
    if (pullbacks == null || pullbacks.isEmpty()) {
      throw new SecondOrder.Unsupported("the reverse mode of " + callee.name() + " is not available as code here"
          + " (its fwd or bwd is outside the differentiable subset, or it has a rule kernels cannot expand)");
    }
    return Inliner.spliceCall(pullbacks.get(k), args, part, names);
  }

  /**
   * {@code f.value(x, y)}: {@code xBar += resultBar · f.partialFirst().value(x, y)}, whose reverse mode
   * is the partial's own vjp (functions compiled with order 2 give their objects partials).
   */
  private void functionObjectCall(Linear.Call c, List<Stmt> out) {
    Callee callee = c.callee();
    if (inlinePullbacks != null) {
      throw new SecondOrder.Unsupported("a call through the function object " + callee.receiver() + " cannot"
          + " run in a kernel");
    }
    for (int k = 0; k < callee.params().size(); k++) {
      Expr.Var argDot = c.argTangents().get(k);
      if (argDot == null) {
        continue;
      }
      Callee object = SecondOrder.partial(callee, k);
      Expr.Var slope = names.var("partial", io.jgrad.processor.ir.Type.DOUBLE);
      out.add(new Stmt.Assign(slope, new Expr.Call(object, c.args(), slope.type()), true));
      accumulate(argDot, prim(Primitive.MUL, bar(c.resultDot()), slope), out);
    }
  }

  private void accumulate(Expr.Var tangent, Expr contribution, List<Stmt> out) {
    Expr.Var bar = bar(tangent);
    out.add(new Stmt.Assign(bar, prim(Primitive.ADD, bar, contribution), false));
  }

  private Expr.Var bar(Expr.Var tangent) {
    return bars.computeIfAbsent(tangent.name(), n -> names.var(n + "Bar", tangent.type()));
  }

  private static Expr prim(Primitive p, Expr a, Expr b) {
    return new Expr.Prim(p, List.of(a, b), Exprs.promote(a.type(), b.type()), false);
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
      }
    }
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Linearized;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a custom JVP rule, already checked to be linear in its tangents, as a {@link Linear}
 * program: statements on tangents become linear statements, the rest stays primal. Its transpose is
 * the reverse mode of the function the rule belongs to.
 *
 * @param linear the locals that depend on the tangents
 * @param names the names of the rule's body, for the value of a call that receives a tangent
 */
record RuleLinearizer(Set<String> linear, Names names) {
  /**
   * The linear program of a normalized rule body whose final return is its value, with tangent
   * {@code tangents} (one, or one per leaf of a record result, null where a leaf has none).
   */
  private static List<Linear> linearize(List<Stmt> body, Set<String> linear, List<Expr.Var> tangents,
      Names names) {
    // The primal part may read a tangent array's length (a loop to t.length): the reverse sweep has
    // no tangent arrays in its forward part, so the length is the one the array was created with.
    Map<String, Expr> lengths = new HashMap<>();
    Rewrite.forEach(body, s -> {
      if (s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray n && linear.contains(a.target().name())) {
        lengths.put(a.target().name(), n.length());
      }
    });
    List<Stmt> primalLengths = Rewrite.stmts(body, e -> e instanceof Expr.ArrayLength l
        && l.array() instanceof Expr.Var v && lengths.containsKey(v.name()) ? lengths.get(v.name()) : e);
    return new RuleLinearizer(linear, names).stmts(primalLengths, tangents);
  }

  /**
   * {@code jvps} rules as a linear program: {@code y = f(args)}, each rule's partial derivative
   * {@code ∂y/∂x = rule(1, y, args)} computed in the forward sweep (each rule is linear in its scalar
   * tangent, so that is its slope; reading it there keeps what the rule saw even if a field changes
   * before a pullback runs), then {@code ẏ = Σ ∂y/∂x · ẋ}, which the transposer turns around.
   */
  public static Linearized perParameter(Function.JvpsRules rules, Names names) {
    Callee sig = rules.signature();
    List<Expr> args = sig.paramVars();
    Type t = sig.returnType();
    Expr.Var out = names.var("primalOut", t);
    List<Linear> program = new ArrayList<>();
    program.add(new Linear.Primal(new Stmt.Assign(out,
        new Expr.PrimalCall(sig.ownerQualifiedName(), sig.name(), args, t), true)));
    Map<String, Expr.Var> tangents = new LinkedHashMap<>();
    List<Linear.Term> terms = new ArrayList<>();
    List<Callee.Param> diff = sig.differentiatedParams();
    for (int i = 0; i < diff.size(); i++) {
      Callee.Param p = diff.get(i);
      Expr.Var tangent = new Expr.Var(rules.tangentNames().get(i), p.type());
      tangents.put(p.name(), tangent);
      String rule = rules.ruleNames().get(i);
      if (rule == null) {
        continue; // this parameter's tangent contributes nothing
      }
      List<Expr> ruleArgs = new ArrayList<>(List.of(Exprs.lit(p.type(), 1), out));
      ruleArgs.addAll(args);
      Expr.Var partial = names.var(p.name() + "Partial", p.type());
      program.add(new Linear.Primal(new Stmt.Assign(partial,
          new Expr.PrimalCall(sig.ownerQualifiedName(), rule, ruleArgs, p.type()), true)));
      terms.add(new Linear.Term(partial, false, false, tangent, null));
    }
    Expr.Var outDot = names.var("primalOutDot", t);
    tangents.put(out.name(), outDot);
    program.add(new Linear.Tangent(outDot, out, terms, true));
    program.add(new Linear.Return(out, outDot));
    return new Linearized(program, tangents, List.of());
  }

  /**
   * A {@code @CustomJvp} rule's body as a linear program: its {@code return Dual.of(v, t)} split into a
   * value and a tangent local, normalized, and read as linear in its tangents. Its transpose is the
   * reverse mode of the rule's function (the notebook: "JAX will automatically transpose the linear
   * computation on tangent values from our custom JVP rule").
   */
  public static Linearized ofRule(Function.JvpRule rule, Names names) {
    Callee sig = rule.signature();
    List<Callee.Param> diff = sig.differentiatedParams();
    List<Callee.Param> tangentParams = new ArrayList<>();
    Map<String, Expr.Var> tangents = new LinkedHashMap<>();
    for (int i = 0; i < diff.size(); i++) {
      Callee.Param tangent = new Callee.Param(rule.tangentNames().get(i), diff.get(i).type(), true);
      tangentParams.add(tangent);
      tangents.put(diff.get(i).name(), new Expr.Var(tangent.name(), tangent.type()));
    }
    // The value and tangent locals: one of each, or one per leaf of a record result that has a tangent
    // (a leaf without one, a String or an enum, is returned as the rule computes it).
    List<Expr.Var> values = new ArrayList<>();
    List<Expr.Var> returned = new ArrayList<>();
    if (sig.recordResult() == null) {
      values.add(new Expr.Var(names.fresh("ruleValue"), sig.returnType()));
      returned.add(new Expr.Var(names.fresh("ruleTangent"), sig.returnType()));
    } else {
      for (RecordShape.Leaf leaf : sig.recordResult().shape().leaves()) {
        boolean tangent = leaf.differentiable();
        values.add(tangent ? new Expr.Var(names.fresh("ruleValue_" + leaf.suffix()), leaf.type()) : null);
        returned.add(tangent ? new Expr.Var(names.fresh("ruleTangent_" + leaf.suffix()), leaf.type()) : null);
      }
    }
    List<Stmt> normal = Normalizer.normalize(new Function.Plain(sig, rule.splitBody(values, returned)), names);
    Set<String> linear = Activity.of(normal, tangentParams);
    List<Linear> program = linearize(normal, linear, returned, names);
    Rewrite.forEach(normal, s -> {
      Expr.Var target = s instanceof Stmt.Assign a ? a.target() : s instanceof Stmt.Declare d ? d.target() : null;
      if (target != null && linear.contains(target.name())
          && tangents.values().stream().noneMatch(v -> v.name().equals(target.name()))) {
        tangents.put(target.name(), target);
      }
    });
    return new Linearized(program, tangents, List.of());
  }

  /** {@code e} where it is a local that depends on the tangents, else null. */
  private Expr.Var tangent(Expr e) {
    return e instanceof Expr.Var v && linear.contains(v.name()) ? v : null;
  }

  /**
   * {@code rhs}, a tangent's value, once it is known to be linear in the tangents: LinearityChecker admits
   * sums, differences, negations, products and quotients by a primal only; anything else reaching here
   * is an internal error, never a silently wrong tangent.
   */
  private Expr linearOnly(Expr rhs) {
    if (rhs instanceof Expr.Prim p) {
      boolean linear = switch (p.primitive()) {
        case ADD, SUB, NEG, MUL -> true;
        case DIV -> tangent(p.args().get(1)) == null;
        default -> false;
      };
      if (!linear) {
        throw new IllegalStateException("not linear in the tangents: " + p);
      }
    }
    return rhs;
  }

  /**
   * {@code target = callee(args)} where some arguments are tangents: LinearityChecker admits it only
   * for a callee linear in those parameters, whose derivative there is the same at every point. So
   * it is the callee's JVP at the point where those arguments are zero, applied to the tangents:
   * forward mode calls that JVP, reverse mode the callee's pullback at that point. Its value there is
   * declared with the target (before it, where the target was declared without a value).
   */
  private List<Linear> linearCall(Expr.Var target, boolean declare, Expr.Call c) {
    Callee callee = c.callee();
    List<Expr> point = new ArrayList<>();
    List<Expr.Var> argTangents = new ArrayList<>();
    for (int i = 0; i < callee.params().size(); i++) {
      Expr.Var tangent = tangent(c.args().get(i));
      if (tangent == null && Exprs.any(c.args().get(i), e -> tangent(e) != null)) {
        throw new IllegalStateException("a normalized call passes a tangent as a local: " + c);
      }
      point.add(tangent == null ? c.args().get(i) : Exprs.zero(callee.params().get(i).type()));
      if (callee.params().get(i).differentiated()) {
        argTangents.add(tangent);
      }
    }
    Expr.Var value = names.var(callee.name() + "AtZero", callee.returnType());
    Linear call = new Linear.Call(List.of(value), List.of(target), declare, callee, point, argTangents);
    return declare ? List.of(call) : List.of(new Linear.Primal(new Stmt.Declare(value)), call);
  }

  private List<Linear> stmts(List<Stmt> body, List<Expr.Var> tangents) {
    List<Linear> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a && linear.contains(a.target().name()) && a.value() instanceof Expr.NewArray n) {
        // A tangent array the rule creates: zero until it writes into it.
        out.add(new Linear.TangentArray(a.target(), n.length()));
      } else if (s instanceof Stmt.ArrayWrite w && linear.contains(w.array().name())) {
        if (w.value() instanceof Expr.Var || Exprs.isZero(w.value())) {
          out.add(new Linear.TangentWrite(w.array(), w.index(), tangent(w.value())));
        } else {
          throw new IllegalStateException("a normalized array write stores a local: " + w.value());
        }
      } else if (s instanceof Stmt.Assign a && linear.contains(a.target().name()) && a.value() instanceof Expr.Call c) {
        out.addAll(linearCall(a.target(), a.declare(), c));
      } else if (s instanceof Stmt.Assign a && linear.contains(a.target().name())) {
        Expr.Var y = a.target();
        out.add(new Linear.Tangent(y, y, Jvp.terms(y, linearOnly(a.value()), this::tangent), a.declare()));
      } else if (s instanceof Stmt.Declare d && linear.contains(d.target().name())) {
        out.add(new Linear.DeclareTangent(d.target()));
      } else if (s instanceof Stmt.If f) {
        out.add(new Linear.If(f.condition(), stmts(f.thenBody(), tangents), stmts(f.elseBody(), tangents)));
      } else if (s instanceof Stmt.While w) {
        out.add(new Linear.While(w.condition(), stmts(w.body(), tangents)));
      } else if (s instanceof Stmt.Block b) {
        out.add(new Linear.Block(stmts(b.body(), tangents)));
      } else if (s instanceof Stmt.Return r) {
        // The tangents that depend on the input tangents; the others are zero.
        List<Expr.Var> returned = tangents.stream().map(this::tangent).toList();
        out.add(r.value() instanceof Expr.RecordValue record ? new Linear.RecordReturn(record, returned)
            : new Linear.Return(r.value(), returned.get(0)));
      } else {
        out.add(new Linear.Primal(s));
      }
    }
    return out;
  }
}

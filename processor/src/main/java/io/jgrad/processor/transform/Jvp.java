package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Linearized;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.rules.Partial;
import io.jgrad.processor.rules.PrimitiveRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forward mode: gives every active local a tangent and writes, after each primal statement, the
 * linear statement that carries tangents through it, built from the rule table. Inactive values
 * (literals, integers, parameters not differentiated) have symbolic zero tangents: they contribute no
 * term, so no {@code 0.0 * x} is ever written.
 */
public final class Jvp {
  private final Names names;
  private final Set<String> active;
  private final Map<String, Expr.Var> tangents = new HashMap<>();
  private final List<String> problems = new ArrayList<>();
  private final boolean everyCall;

  private Jvp(Names names, Set<String> active, boolean everyCall) {
    this.names = names;
    this.active = active;
    this.everyCall = everyCall;
  }

  /** Forward mode of {@code body} with respect to the parameters {@code wrt}. */
  public static Linearized transform(List<Stmt> body, List<Callee.Param> wrt, Names names) {
    return transform(body, wrt, names, false);
  }

  /** Forward mode of a body the checks passed, which linearizes without problems. */
  static Linearized checked(List<Stmt> body, List<Callee.Param> wrt, Names names) {
    Linearized jvp = transform(body, wrt, names);
    if (!jvp.problems().isEmpty()) {
      throw new IllegalStateException("linearizing a checked body: " + String.join("; ", jvp.problems()));
    }
    return jvp;
  }

  /**
   * Forward mode where, with {@code everyCall}, a call becomes a {@link Linear.Call} even when its
   * result does not depend on {@code wrt} (zero tangents in), so that programs for different
   * {@code wrt} keep the same primal statements ({@link VectorJvp}).
   */
  public static Linearized transform(List<Stmt> body, List<Callee.Param> wrt, Names names, boolean everyCall) {
    Set<String> active = Activity.of(body, wrt);
    Jvp jvp = new Jvp(names, active, everyCall);
    for (Callee.Param p : wrt) {
      jvp.tangentOf(new Expr.Var(p.name(), p.type()));
    }
    List<Linear> program = new ArrayList<>();
    List<Linear> rest = jvp.stmts(body);
    // A parameter held constant (outside wrt, @NonDiff, or a first-order tangent at second order)
    // that is assigned a differentiated value needs a tangent too: zero until that assignment. Those
    // in wrt and the locals the body declares have theirs.
    Set<String> withTangent = new HashSet<>(wrt.stream().map(Callee.Param::name).toList());
    Map<String, Expr.Var> assigned = new LinkedHashMap<>();
    Rewrite.forEach(body, s -> {
      if (s instanceof Stmt.Assign a) {
        assigned.putIfAbsent(a.target().name(), a.target());
        if (a.declare()) {
          withTangent.add(a.target().name());
        }
      } else if (s instanceof Stmt.Declare d) {
        withTangent.add(d.target().name());
      } else if (s instanceof Stmt.CallRecord c) {
        // A record call declares its leaves, each with its tangent (Point p = f(x); p = f(s)).
        c.leaves().forEach(v -> withTangent.add(v.name()));
      }
    });
    for (Expr.Var v : assigned.values()) {
      if (active.contains(v.name()) && !withTangent.contains(v.name())) {
        program.add(new Linear.Tangent(jvp.tangentOf(v), v, List.of(), true));
      }
    }
    program.addAll(rest);
    return new Linearized(program, jvp.tangents, jvp.problems);
  }

  /** The tangent local of an active local, named {@code xDot}. */
  private Expr.Var tangentOf(Expr.Var v) {
    return tangents.computeIfAbsent(v.name(), n -> new Expr.Var(names.fresh(n + "Dot"), v.type()));
  }

  private boolean isActive(Expr e) {
    return e instanceof Expr.Var v && active.contains(v.name());
  }

  /** The tangent of {@code e} where it is an active local, else null (zero). */
  private Expr.Var tangent(Expr e) {
    return isActive(e) ? tangentOf((Expr.Var) e) : null;
  }

  private List<Linear> stmts(List<Stmt> in) {
    List<Linear> out = new ArrayList<>();
    for (Stmt s : in) {
      stmt(s, out);
    }
    return out;
  }

  private void stmt(Stmt s, List<Linear> out) {
    if (s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray n) {
      out.add(new Linear.Primal(a));
      if (isActive(a.target())) {
        out.add(new Linear.TangentArray(tangentOf(a.target()), n.length()));
      }
    } else if (s instanceof Stmt.ArrayWrite w) {
      out.add(new Linear.Primal(w));
      if (isActive(w.array())) {
        out.add(new Linear.TangentWrite(tangentOf(w.array()), w.index(), tangent(w.value())));
      }
    } else if (s instanceof Stmt.Assign a) {
      assign(a, out);
    } else if (s instanceof Stmt.CallRecord c && c.leaves().stream().anyMatch(this::isActive)) {
      // One call for every leaf: each active leaf gets its tangent from it.
      call(c.leaves(), c.leaves().stream().map(this::tangent).toList(), true, c.call(), out);
    } else if (s instanceof Stmt.Declare d) {
      out.add(new Linear.Primal(d));
      if (isActive(d.target())) {
        out.add(new Linear.DeclareTangent(tangentOf(d.target())));
      }
    } else if (s instanceof Stmt.If f) {
      out.add(new Linear.If(f.condition(), stmts(f.thenBody()), stmts(f.elseBody())));
    } else if (s instanceof Stmt.While w) {
      out.add(new Linear.While(w.condition(), stmts(w.body())));
    } else if (s instanceof Stmt.Block b) {
      out.add(new Linear.Block(stmts(b.body())));
    } else if (s instanceof Stmt.Return r && r.value() instanceof Expr.RecordValue record) {
      out.add(new Linear.RecordReturn(record, record.leaves().stream().map(this::tangent).toList()));
    } else if (s instanceof Stmt.Return r) {
      out.add(new Linear.Return(r.value(), tangent(r.value())));
    } else {
      out.add(new Linear.Primal(s));
    }
  }

  private void assign(Stmt.Assign a, List<Linear> out) {
    Expr.Var v = a.target();
    Expr rhs = a.value();
    if (!isActive(v) && !(everyCall && rhs instanceof Expr.Call)) {
      out.add(new Linear.Primal(a));
      return;
    }
    Expr.Var vDot = tangentOf(v);
    if (rhs instanceof Expr.Call c) {
      call(List.of(v), List.of(vDot), a.declare(), c, out);
      return;
    }
    out.add(new Linear.Primal(a));
    out.add(new Linear.Tangent(vDot, v, terms(v, rhs, this::tangent), a.declare()));
  }

  /**
   * The terms of the tangent of {@code y = rhs} (a primitive, a cast, an element or an atom): the tangent
   * {@code tangent} gives each operand (null where it has none), times its partial from the rule table.
   */
  static List<Linear.Term> terms(Expr.Var y, Expr rhs, java.util.function.Function<Expr, Expr.Var> tangent) {
    List<Linear.Term> terms = new ArrayList<>();
    if (rhs instanceof Expr.Prim p) {
      List<Partial> partials = PrimitiveRules.partials(p.primitive(), p.args(), y);
      for (int i = 0; i < p.args().size(); i++) {
        Partial partial = partials.get(i);
        Expr.Var source = partial == null ? null : tangent.apply(p.args().get(i));
        if (source != null) {
          terms.add(new Linear.Term(partial.factor(), partial.divide(), partial.negate(), source, null));
        }
      }
      return terms;
    }
    Expr.ArrayRead element = rhs instanceof Expr.ArrayRead r ? r : null;
    Expr.Var source = tangent.apply(rhs instanceof Expr.Cast c ? c.operand() : element != null ? element.array() : rhs);
    if (source != null) {
      terms.add(new Linear.Term(null, false, false, source, element != null ? element.index() : null));
    }
    return terms;
  }

  private void call(List<Expr.Var> results, List<Expr.Var> resultDots, boolean declare, Expr.Call c,
      List<Linear> out) {
    List<Expr.Var> argTangents = new ArrayList<>();
    List<Callee.Param> params = c.callee().params();
    for (int i = 0; i < params.size(); i++) {
      Expr arg = c.args().get(i);
      if (isActive(arg) && !params.get(i).differentiated()) {
        problems.add("the argument for parameter " + params.get(i).name() + " of " + c.callee().name()
            + " depends on differentiated values, but " + c.callee().name() + " is not differentiated"
            + " with respect to " + params.get(i).name() + "; hint: add it to wrt of "
            + c.callee().name());
      }
      if (params.get(i).differentiated()) {
        argTangents.add(tangent(arg));
      }
    }
    out.add(new Linear.Call(results, resultDots, declare, c.callee(), c.args(), argTangents));
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Names;
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
import java.util.TreeMap;

/**
 * Gives every value of a normalized body a local of its own: a second assignment to a local
 * ({@code x = clip(x)}) assigns a fresh one, read from there on; where the branches of an if leave a
 * local under different names, both assign one join local. Reverse mode written as code
 * ({@link ReverseBody}) can then read any primal value after the forward statements. In a loop, every
 * value of one trip has a local of its own until the next trip: each local the loop carries has one
 * loop local, copied at the start of a trip and assigned at its end.
 *
 * @param types the type of every local and parameter, by its name in the input
 */
record SingleAssignment(Names names, Map<String, Type> types) {
  /** {@code body} in single-assignment form; {@code params} count as assigned on entry. */
  static List<Stmt> of(List<Stmt> body, List<Callee.Param> params, Names names) {
    Set<String> assigned = new HashSet<>();
    SingleAssignment ssa = new SingleAssignment(names, new HashMap<>());
    for (Callee.Param p : params) {
      assigned.add(p.name());
      ssa.types.put(p.name(), p.type());
    }
    return ssa.stmts(body, new HashMap<>(), assigned);
  }

  private List<Stmt> stmts(List<Stmt> in, Map<String, String> current, Set<String> assigned) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : in) {
      if (s instanceof Stmt.Assign a) {
        Expr value = read(a.value(), current);
        String name = a.target().name();
        types.putIfAbsent(name, a.target().type());
        if (assigned.add(name) && !current.containsKey(name)) {
          out.add(new Stmt.Assign(a.target(), value, a.declare()));
        } else {
          Expr.Var fresh = names.var(name, a.target().type());
          current.put(name, fresh.name());
          assigned.add(fresh.name());
          out.add(new Stmt.Assign(fresh, value, true));
        }
      } else if (s instanceof Stmt.Declare d) {
        types.putIfAbsent(d.target().name(), d.target().type());
        out.add(s);
      } else if (s instanceof Stmt.If f) {
        Expr condition = read(f.condition(), current);
        Map<String, String> thenNames = new HashMap<>(current);
        Map<String, String> elseNames = new HashMap<>(current);
        Set<String> thenAssigned = new HashSet<>(assigned);
        Set<String> elseAssigned = new HashSet<>(assigned);
        List<Stmt> thenBody = stmts(f.thenBody(), thenNames, thenAssigned);
        List<Stmt> elseBody = stmts(f.elseBody(), elseNames, elseAssigned);
        Set<String> changed = new HashSet<>();
        thenNames.forEach((k, v) -> { if (!v.equals(current.get(k))) changed.add(k); });
        elseNames.forEach((k, v) -> { if (!v.equals(current.get(k))) changed.add(k); });
        for (String name : changed.stream().sorted().toList()) {
          Expr.Var join = names.var(name, types.get(name));
          out.add(new Stmt.Declare(join));
          thenBody.add(new Stmt.Assign(join, new Expr.Var(thenNames.getOrDefault(name, name), join.type()), false));
          elseBody.add(new Stmt.Assign(join, new Expr.Var(elseNames.getOrDefault(name, name), join.type()), false));
          current.put(name, join.name());
          assigned.add(join.name());
        }
        assigned.addAll(thenAssigned);
        assigned.addAll(elseAssigned);
        out.add(new Stmt.If(condition, thenBody, elseBody));
      } else if (s instanceof Stmt.Block b) {
        out.addAll(stmts(b.body(), current, assigned));
      } else if (s instanceof Stmt.Return r) {
        out.add(new Stmt.Return(r.value() == null ? null : read(r.value(), current)));
      } else if (s instanceof Stmt.While w) {
        out.addAll(loop(w, current, assigned));
      } else if (s instanceof Stmt.ArrayWrite) {
        throw new NotBatchable("its reverse mode would need a tape for local arrays, which a kernel lane"
            + " does not have yet");
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * {@code x1 = x; while (c(x1)) { x2 = x1; ...trip in single-assignment form...; x1 = x5; }} for each
   * local {@code x} the loop carries (assigned in it, declared before it), read as {@code x1} after it.
   */
  private List<Stmt> loop(Stmt.While w, Map<String, String> current, Set<String> assigned) {
    Map<String, Type> carried = carried(w.body());
    List<Stmt> out = new ArrayList<>();
    Map<String, String> trip = new HashMap<>(current);
    List<Stmt> body = new ArrayList<>();
    Map<String, Expr.Var> loopLocals = new LinkedHashMap<>();
    carried.forEach((name, type) -> {
      Expr.Var loopLocal = names.var(name, type);
      out.add(new Stmt.Assign(loopLocal, new Expr.Var(current.getOrDefault(name, name), type), true));
      current.put(name, loopLocal.name());
      Expr.Var start = names.var(name, type);
      body.add(new Stmt.Assign(start, loopLocal, true));
      trip.put(name, start.name());
      assigned.add(loopLocal.name());
      assigned.add(start.name());
      loopLocals.put(name, loopLocal);
    });
    body.addAll(stmts(w.body(), trip, assigned));
    loopLocals.forEach((name, loopLocal) ->
        body.add(new Stmt.Assign(loopLocal, new Expr.Var(trip.get(name), loopLocal.type()), false)));
    out.add(new Stmt.While(read(w.condition(), current), body));
    return out;
  }

  /**
   * The locals a loop body carries from trip to trip, by name, in name order: those it assigns
   * (a call's result included) and does not declare.
   */
  static Map<String, Type> carried(List<Stmt> body) {
    Map<String, Type> carried = new TreeMap<>();
    Set<String> declaredInside = new HashSet<>();
    Rewrite.forEach(body, s -> {
      Expr.Var target = s instanceof Stmt.Assign a ? a.target() : s instanceof Stmt.Linearize l ? l.result()
          : s instanceof Stmt.Declare d ? d.target() : null;
      boolean declares = s instanceof Stmt.Assign a ? a.declare()
          : s instanceof Stmt.Linearize l ? l.declare() : s instanceof Stmt.Declare;
      if (target != null && declares) {
        declaredInside.add(target.name());
      } else if (target != null) {
        carried.put(target.name(), target.type());
      }
    });
    carried.keySet().removeAll(declaredInside);
    return carried;
  }

  private static Expr read(Expr e, Map<String, String> current) {
    return Rewrite.expr(e, x -> x instanceof Expr.Var v && current.containsKey(v.name())
        ? new Expr.Var(current.get(v.name()), v.type()) : x);
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every value of a loop-free normalized body a local of its own: a second assignment to a
 * local ({@code x = clip(x)}) assigns a fresh one, read from there on; where the branches of an if
 * leave a local under different names, both assign one join local. Reverse mode written as code
 * ({@link ReverseBody}) can then read any primal value after the forward statements.
 */
final class SingleAssignment {
  private final Names names;
  /** The type of every local and parameter, by its name in the input. */
  private final Map<String, io.jgrad.processor.ir.Type> types = new HashMap<>();

  private SingleAssignment(Names names) {
    this.names = names;
  }

  /** {@code body} in single-assignment form; {@code params} count as assigned on entry. */
  static List<Stmt> of(List<Stmt> body, List<io.jgrad.processor.ir.Callee.Param> params, Names names) {
    Map<String, String> current = new HashMap<>();
    Set<String> assigned = new HashSet<>();
    SingleAssignment ssa = new SingleAssignment(names);
    for (io.jgrad.processor.ir.Callee.Param p : params) {
      assigned.add(p.name());
      ssa.types.put(p.name(), p.type());
    }
    return ssa.stmts(body, current, assigned);
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
      } else if (s instanceof Stmt.While) {
        throw new SecondOrder.Unsupported("its reverse mode would need a tape for a loop, which a kernel lane"
            + " does not have yet");
      } else if (s instanceof Stmt.ArrayWrite) {
        throw new SecondOrder.Unsupported("its reverse mode would need a tape for local arrays, which a kernel lane"
            + " does not have yet");
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static Expr read(Expr e, Map<String, String> current) {
    return Rewrite.expr(e, x -> x instanceof Expr.Var v && current.containsKey(v.name())
        ? new Expr.Var(current.get(v.name()), v.type()) : x);
  }
}

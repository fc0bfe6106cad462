package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Lane;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Aparapi can translate: no calls out of the class, {@code Math} for {@code StrictMath},
 * constants read into fields, every local name declared once (LaneLocals then declares them all
 * at the lane's top, initialized, and splices nested blocks).
 */
final class KernelForm {
  private KernelForm() {}

  /** {@code body} in kernel form; the static fields it reads join {@code constants}, named by {@code names}. */
  static List<Stmt> of(List<Stmt> body, Names names, List<Lane.Constant> constants, List<Callee.Param> params) {
    List<Stmt> out = Rewrite.stmts(body, e -> {
      if (e instanceof Expr.PrimalCall c) {
        throw new NotBatchable(c.receiver() + "." + c.method() + "(...) cannot run in a kernel: OpenCL code"
            + " cannot call methods of other classes or print; hint: remove it from the @Batched function"
            + " and the functions it calls", c.method());
      }
      if (e instanceof Expr.Prim prim && prim.strict()) {
        return new Expr.Prim(prim.primitive(), prim.args(), prim.type(), false);
      }
      Expr withoutDoubleMinus = NoDoubleMinus.of(e);
      if (withoutDoubleMinus != e) {
        return withoutDoubleMinus;
      }
      if (e instanceof Expr.StaticField f) {
        String source = f.owner() + "." + f.name();
        for (Lane.Constant c : constants) {
          if (c.source().equals(source)) {
            return new Expr.Var(c.name(), f.type());
          }
        }
        String name = names.fresh(f.name());
        constants.add(new Lane.Constant(name, f.type(), source));
        return new Expr.Var(name, f.type());
      }
      return e;
    });
    return new ScopedRenamer(names, params).stmts(out);
  }

  /**
   * Gives a local declared twice (two loops' {@code int k}) a fresh name for its second life, so that
   * every declaration can move to the lane's top: Aparapi loses a local declared in a nested block.
   */
  private static final class ScopedRenamer {
    private final Names names;
    private final Set<String> declared = new HashSet<>();
    private final ArrayDeque<Map<String, String>> scopes = new ArrayDeque<>();

    ScopedRenamer(Names names, List<Callee.Param> params) {
      this.names = names;
      params.forEach(p -> declared.add(p.name()));
      scopes.push(new HashMap<>());
    }

    private String resolve(String name) {
      for (Map<String, String> scope : scopes) {
        String n = scope.get(name);
        if (n != null) {
          return n;
        }
      }
      return name;
    }

    private Expr rename(Expr e) {
      return Rewrite.expr(e, x -> x instanceof Expr.Var v ? new Expr.Var(resolve(v.name()), v.type()) : x);
    }

    private Expr.Var declare(Expr.Var v) {
      String name = OpenClNames.isReserved(v.name()) ? names.fresh(v.name() + "Value")
          : declared.add(v.name()) ? v.name() : names.fresh(v.name());
      declared.add(name);
      scopes.peek().put(v.name(), name);
      return new Expr.Var(name, v.type());
    }

    private List<Stmt> scoped(List<Stmt> body) {
      scopes.push(new HashMap<>());
      List<Stmt> out = stmts(body);
      scopes.pop();
      return out;
    }

    List<Stmt> stmts(List<Stmt> body) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : body) {
        if (s instanceof Stmt.Assign a) {
          Expr value = rename(a.value());
          Expr.Var target = a.declare() ? declare(a.target()) : (Expr.Var) rename(a.target());
          out.add(new Stmt.Assign(target, value, a.declare()));
        } else if (s instanceof Stmt.Declare d) {
          out.add(new Stmt.Declare(declare(d.target())));
        } else if (s instanceof Stmt.If f) {
          out.add(new Stmt.If(rename(f.condition()), scoped(f.thenBody()), scoped(f.elseBody())));
        } else if (s instanceof Stmt.While w) {
          out.add(new Stmt.While(rename(w.condition()), scoped(w.body())));
        } else if (s instanceof Stmt.Block b) {
          out.add(new Stmt.Block(scoped(b.body())));
        } else if (s instanceof Stmt.Return r) {
          out.add(new Stmt.Return(rename(r.value())));
        } else {
          out.add(s);
        }
      }
      return out;
    }
  }
}

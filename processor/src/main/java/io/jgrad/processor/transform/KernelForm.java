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
import java.util.Objects;
import java.util.Set;

/**
 * What Aparapi can translate: no calls out of the class, {@code Math} for {@code StrictMath},
 * constants and tables ({@code static final} arrays) read into fields, no local arrays (an inlined
 * callee's array parameter is the caller's array), every local name declared once (LaneLocals then
 * declares them all at the lane's top, initialized, and splices nested blocks).
 *
 * @param declared the names declared so far, the parameters' included
 * @param scopes each enclosing block's locals, innermost first: the name each declaration took
 */
record KernelForm(Names names, Set<String> declared, ArrayDeque<Map<String, String>> scopes) {
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
      // A table too: OpenCL cannot read another class's static arrays, so the kernel holds it in a field.
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
    Set<String> declared = new HashSet<>(params.stream().map(Callee.Param::name).toList());
    return new KernelForm(names, declared, new ArrayDeque<>(List.of(new HashMap<>()))).stmts(out);
  }

  /** {@code e} reading each local by the name its innermost declaration took. */
  private Expr rename(Expr e) {
    return Rewrite.expr(e, x -> x instanceof Expr.Var v ? new Expr.Var(scopes.stream().map(scope -> scope.get(v.name()))
        .filter(Objects::nonNull).findFirst().orElse(v.name()), v.type()) : x);
  }

  /**
   * Gives a local declared twice (two loops' {@code int k}) a fresh name for its second life, so that
   * every declaration can move to the lane's top: Aparapi loses a local declared in a nested block.
   */
  private Expr.Var declare(Expr.Var v) {
    String name = OpenClNames.isReserved(v.name()) ? names.fresh(v.name() + "Value")
        : declared.add(v.name()) ? v.name() : names.fresh(v.name());
    declared.add(name);
    scopes.peek().put(v.name(), name);
    return new Expr.Var(name, v.type());
  }

  /**
   * Makes a local array another name of the array it is set to (an inlined callee's array parameter):
   * OpenCL code cannot hold an array in a local, only read the kernel's array fields.
   */
  private void alias(Stmt.Assign a) {
    if (!a.declare() || !(rename(a.value()) instanceof Expr.Var array)) {
      throw new NotBatchable("the array " + a.target().name() + " is set to another array, which a kernel"
          + " cannot do; hint: index the array it stands for");
    }
    scopes.peek().put(a.target().name(), array.name());
  }

  private List<Stmt> scoped(List<Stmt> body) {
    scopes.push(new HashMap<>());
    List<Stmt> out = stmts(body);
    scopes.pop();
    return out;
  }

  private List<Stmt> stmts(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a && a.target().type().isArray()) {
        alias(a);
      } else if (s instanceof Stmt.Assign a) {
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

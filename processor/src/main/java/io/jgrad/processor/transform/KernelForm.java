package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Lane;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What Aparapi can translate: no calls out of the class, {@code Math} for {@code StrictMath},
 * constants and tables ({@code static final} arrays) read into fields, local arrays only of a size
 * known at compile time (a lane's private memory; an inlined callee's array parameter is the caller's
 * array), every local name declared once (LaneLocals then declares them all at the lane's top,
 * initialized, and splices nested blocks).
 *
 * @param declared the names declared so far, the parameters' included
 * @param scopes each enclosing block's locals, innermost first: the name each declaration took
 * @param sizes the size of each local array, by the name its declaration took
 */
record KernelForm(Names names, Set<String> declared, ArrayDeque<Map<String, String>> scopes,
    Map<String, Integer> sizes) {
  /** {@code body} in kernel form; the static fields it reads join {@code constants}, named by {@code names}. */
  static List<Stmt> of(List<Stmt> body, Names names, List<Lane.Constant> constants, List<Callee.Param> params) {
    return of(body, names, constants, params, null);
  }

  /**
   * {@code body} in kernel form, each local array's size read as its value: a literal, or a constant
   * field's value by {@code staticValues} (owner and name; null for none).
   */
  static List<Stmt> of(List<Stmt> body, Names names, List<Lane.Constant> constants, List<Callee.Param> params,
      BiFunction<String, String, Object> staticValues) {
    return of(body, names, constants, params, staticValues, Map.of());
  }

  /**
   * The same, the array parameters {@code rowSizes} names of that fixed size: their length is read as
   * it, and an array made as long as one is a private array of that size.
   */
  static List<Stmt> of(List<Stmt> body, Names names, List<Lane.Constant> constants, List<Callee.Param> params,
      BiFunction<String, String, Object> staticValues, Map<String, Integer> rowSizes) {
    // Sizes first: the constant fields they name become kernel fields below, whose values are unknown.
    List<Stmt> sized = Rewrite.stmts(body, e -> {
      Integer size = e instanceof Expr.NewArray n ? ArraySizes.of(n.length(), staticValues, Map.of()) : null;
      return size == null ? e : new Expr.NewArray(e.type(), new Expr.Const(Type.INT, size));
    });
    List<Stmt> out = Rewrite.stmts(sized, e -> {
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
    return new KernelForm(names, declared, new ArrayDeque<>(List.of(new HashMap<>())), new HashMap<>(rowSizes))
        .stmts(out);
  }

  /** {@code e} reading each local by the name its innermost declaration took. */
  private Expr rename(Expr e) {
    return Rewrite.expr(e, x -> {
      if (x instanceof Expr.Var v) {
        return new Expr.Var(scopes.stream().map(scope -> scope.get(v.name())).filter(Objects::nonNull).findFirst()
            .orElse(v.name()), v.type());
      }
      // A local array's length is its size: OpenCL code reads no length of a private array.
      if (x instanceof Expr.ArrayLength l && l.array() instanceof Expr.Var v && sizes.containsKey(v.name())) {
        return new Expr.Const(Type.INT, sizes.get(v.name()));
      }
      return x;
    });
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
      if (a.value() instanceof Expr.NewArray) {
        throw new NotBatchable("the local array " + a.target().name() + " has a size known only at run time, and"
            + " OpenCL gives a lane private arrays of a size fixed at compile time; hint: make the size an int"
            + " literal or a static final int constant", null, a.target().name());
      }
      throw new NotBatchable("the array " + a.target().name() + " is set to another array, which a kernel"
          + " cannot do; hint: index the array it stands for");
    }
    scopes.peek().put(a.target().name(), array.name());
  }

  /** {@code a}, which makes a local array of {@code size} elements: a lane's private array of that size. */
  private Stmt localArray(Stmt.Assign a, Type type, int size) {
    Expr.Var target = a.declare() ? declare(a.target()) : (Expr.Var) rename(a.target());
    Integer before = sizes.put(target.name(), size);
    if (size < 0 || before != null && before != size) {
      throw new NotBatchable("the local array " + a.target().name() + " is made with " + (size < 0 ? "a negative"
          + " size" : "sizes " + before + " and " + size) + ", and a lane's private array has one size; hint: make"
          + " it once, of one size", null, a.target().name());
    }
    return new Stmt.Assign(target, new Expr.NewArray(type, new Expr.Const(Type.INT, size)), a.declare());
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
      Expr.NewArray made = s instanceof Stmt.Assign a && rename(a.value()) instanceof Expr.NewArray n ? n : null;
      Integer size = made == null ? null : ArraySizes.of(made.length(), null, sizes);
      if (size != null) {
        out.add(localArray((Stmt.Assign) s, made.type(), size));
      } else if (s instanceof Stmt.Assign a && a.target().type().isArray()) {
        alias(a);
      } else if (s instanceof Stmt.ArrayWrite w) {
        out.add(new Stmt.ArrayWrite((Expr.Var) rename(w.array()), rename(w.index()), rename(w.value())));
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

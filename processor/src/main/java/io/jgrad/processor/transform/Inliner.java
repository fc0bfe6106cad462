package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces every call in a normalized body by the callee's normalized body, its parameters and
 * locals renamed apart, so that a kernel is one flat function (OpenCL has no calls into other
 * classes). Callees must have plain bodies in this compilation.
 */
public final class Inliner {
  /** A call that cannot be inlined; the message names the callee and why. */
  public static final class NotInlinable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String callee;

    NotInlinable(String message, String callee) {
      super(message);
      this.callee = callee;
    }

    /** The name of the first callee on the way, whose call the error points at. */
    public String callee() {
      return callee;
    }
  }

  private final Names names;
  private final java.util.function.Function<Callee, Function> bodies;
  private final List<String> stack;

  private Inliner(Names names, java.util.function.Function<Callee, Function> bodies, List<String> stack) {
    this.names = names;
    this.bodies = bodies;
    this.stack = stack;
  }

  /**
   * {@code body} (normalized, its locals known to {@code names}) with every call inlined;
   * {@code bodies} finds a callee's function, or null when it is not in this compilation.
   */
  public static List<Stmt> inline(String function, List<Stmt> body, Names names,
      java.util.function.Function<Callee, Function> bodies) {
    return new Inliner(names, bodies, new ArrayList<>(List.of(function))).stmts(body);
  }

  private List<Stmt> stmts(List<Stmt> in) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : in) {
      if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Call c) {
        call(a.target(), a.declare(), c, out);
      } else if (s instanceof Stmt.If f) {
        noCallIn(f.condition());
        out.add(new Stmt.If(f.condition(), stmts(f.thenBody()), stmts(f.elseBody())));
      } else if (s instanceof Stmt.While w) {
        noCallIn(w.condition());
        out.add(new Stmt.While(w.condition(), stmts(w.body())));
      } else if (s instanceof Stmt.Block b) {
        out.add(new Stmt.Block(stmts(b.body())));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private void noCallIn(Expr condition) {
    if (condition instanceof Expr.Call c) {
      throw new NotInlinable("the call to " + c.callee().name() + " in a condition cannot be inlined;"
          + " hint: assign it to a local before the if or loop", stack.size() > 1 ? stack.get(1) : c.callee().name());
    }
    Exprs.children(condition).forEach(this::noCallIn);
  }

  private void call(Expr.Var target, boolean declare, Expr.Call c, List<Stmt> out) {
    Callee callee = c.callee();
    String path = String.join(" → ", stack) + " → " + callee.name();
    Function g = bodies.apply(callee);
    if (g == null) {
      throw new NotInlinable(path + ": " + callee.name() + " is compiled elsewhere, and kernels inline"
          + " the bodies of the functions they call; hint: compile it in the same module", first(callee));
    }
    if (g.rule() != null || g.vjpRule() != null) {
      throw new NotInlinable(path + ": " + callee.name() + " has a custom derivative rule, which kernels"
          + " do not inline yet", first(callee));
    }
    if (stack.contains(callee.name())) {
      throw new NotInlinable(path + ": a cycle of calls cannot be inlined", first(callee));
    }
    List<String> params = callee.params().stream().map(Callee.Param::name).toList();
    Names own = Names.of(params, g.body());
    List<Stmt> body = Normalizer.normalize(g, own);
    Rewrite.stmts(body, e -> {
      if (e instanceof Expr.PrimalCall p) {
        throw new NotInlinable(path + ": " + p.receiver() + "." + p.method() + "(...) in " + callee.name()
            + " cannot run in a kernel: OpenCL code cannot call methods of other classes or print", first(callee));
      }
      return e;
    });
    stack.add(callee.name());
    body = new Inliner(own, bodies, stack).stmts(body);
    stack.remove(stack.size() - 1);

    Map<String, String> renamed = new HashMap<>();
    for (String p : params) {
      renamed.put(p, names.fresh(callee.name() + Character.toUpperCase(p.charAt(0)) + p.substring(1)));
    }
    locals(body, renamed);
    List<Stmt> renamedBody = Rewrite.stmts(body, e -> e instanceof Expr.Var v && renamed.containsKey(v.name())
        ? new Expr.Var(renamed.get(v.name()), v.type()) : e);
    for (int i = 0; i < params.size(); i++) {
      out.add(new Stmt.Assign(new Expr.Var(renamed.get(params.get(i)), callee.params().get(i).type()),
          c.args().get(i), true));
    }
    Stmt last = renamedBody.get(renamedBody.size() - 1);
    out.addAll(renamedBody.subList(0, renamedBody.size() - 1));
    out.add(new Stmt.Assign(target, ((Stmt.Return) last).value(), declare));
  }

  /** The callee called from the function being inlined into: where a problem deeper down shows. */
  private String first(Callee callee) {
    return stack.size() > 1 ? stack.get(1) : callee.name();
  }

  /** Gives every local of {@code body} a name of the caller's. */
  private void locals(List<Stmt> body, Map<String, String> renamed) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a && a.declare()) {
        renamed.computeIfAbsent(a.target().name(), names::fresh);
      } else if (s instanceof Stmt.Declare d) {
        renamed.computeIfAbsent(d.target().name(), names::fresh);
      } else if (s instanceof Stmt.If f) {
        locals(f.thenBody(), renamed);
        locals(f.elseBody(), renamed);
      } else if (s instanceof Stmt.While w) {
        locals(w.body(), renamed);
      } else if (s instanceof Stmt.Block b) {
        locals(b.body(), renamed);
      }
    }
  }
}

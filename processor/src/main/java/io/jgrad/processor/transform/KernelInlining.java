package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * How kernels inline ({@link CallInliner}'s policy), so that a kernel is one flat function (OpenCL has
 * no calls into other classes): every call but those {@link #keep} accepts, lifted out of values and
 * tests first, its body pure. A call that cannot be inlined throws {@link NotBatchable}, its message
 * naming the path of calls and why, pointing at the first callee on the way.
 *
 * @param bodies a callee's plain function, or null when it has none here
 * @param keep the calls that stay calls
 */
record KernelInlining(java.util.function.Function<Callee, Function> bodies, Predicate<Callee> keep)
    implements InlinePolicy {
  @Override
  public Function body(Stmt site, Expr.Call call, CallPath path) {
    if (!(site instanceof Stmt.Assign) || keep.test(call.callee())) {
      return null;
    }
    Function g = bodies.apply(call.callee());
    if (g == null) {
      throw new NotBatchable(path + ": the body of " + path.callee() + " is not available here (compiled"
          + " elsewhere, or outside the subset kernels run); kernels inline the bodies of the functions they"
          + " call", path.first());
    }
    return g;
  }

  @Override
  public Callee signature(Callee called, Function g) {
    return called;
  }

  @Override
  public RuntimeException cycle(CallPath path) {
    return new NotBatchable(path + ": a cycle of calls cannot be inlined", path.first());
  }

  @Override
  public ResultSplice splice(Stmt site) {
    return ResultSplice.NUMBER;
  }

  @Override
  public void check(List<Stmt> body, CallPath path) {
    Rewrite.stmts(body, e -> {
      if (e instanceof Expr.PrimalCall p) {
        throw new NotBatchable(path + ": " + p.receiver() + "." + p.method() + "(...) in " + path.callee()
            + " cannot run in a kernel: OpenCL code cannot call methods of other classes or print",
            path.first());
      }
      return e;
    });
  }

  /** A call inside a value or a test (a branch flag: -g(x) > y): each call becomes a local first. */
  @Override
  public Stmt lift(Stmt s, Names names, List<Stmt> before) {
    Stmt lifted = s instanceof Stmt.Assign a ? new Stmt.Assign(a.target(), lift(a.value(), names, before), a.declare())
        : s instanceof Stmt.If f ? new Stmt.If(lift(f.condition(), names, before), f.thenBody(), f.elseBody())
        : s instanceof Stmt.While w ? new Stmt.While(lift(w.condition(), names, before), w.body()) : s;
    if (lifted instanceof Stmt.While w) {
      // while (c(g(x))) body  →  t = g(x); while (c(t)) { body; t = g(x); }
      List<Stmt> body = new ArrayList<>(w.body());
      for (Stmt b : before) {
        Stmt.Assign liftedCall = (Stmt.Assign) b;
        body.add(new Stmt.Assign(liftedCall.target(), liftedCall.value(), false));
      }
      lifted = new Stmt.While(w.condition(), body);
    }
    return lifted;
  }

  /**
   * {@code value} (or a test) with each call in it replaced by a fresh local, whose assignment goes
   * to {@code before} (inner calls first), so that the call can be inlined before the test.
   */
  private Expr lift(Expr value, Names names, List<Stmt> before) {
    return Rewrite.expr(value, e -> {
      if (e instanceof Expr.Call c && !keep.test(c.callee())) {
        Expr.Var t = names.var(c.callee().name(), c.type());
        before.add(new Stmt.Assign(t, c, true));
        return t;
      }
      return e;
    });
  }
}

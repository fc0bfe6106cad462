package io.jgrad.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * The calls of functions with an array or a record result that a function of order 2 or more takes
 * in as its own code (their tangent functions are generated for number results only): those of a
 * plain function whose body this compilation has.
 */
public final class ResultCalls {
  private ResultCalls() {}

  /** Whether {@code callee} returns an array or a record. */
  public static boolean returnsContainer(Callee callee) {
    return !callee.isFunctionObject()
        && (callee.recordResult() != null || callee.returnType() != null && callee.returnType().isArray());
  }

  /**
   * The plain function a call of {@code callee} is replaced by, or null where it stays a call (it
   * returns a number, or has a custom rule, or its body is compiled elsewhere).
   */
  public static Function body(Callee callee, java.util.function.Function<Callee, Function> bodies) {
    if (!returnsContainer(callee)) {
      return null;
    }
    Function g = bodies.apply(callee);
    return g instanceof Function.Plain ? g : null;
  }

  /** The calls in {@code body} that are replaced by their callee's body. */
  public static List<Expr.Call> inlined(List<Stmt> body, java.util.function.Function<Callee, Function> bodies) {
    List<Expr.Call> out = new ArrayList<>();
    Rewrite.stmts(body, e -> {
      if (e instanceof Expr.Call c && body(c.callee(), bodies) != null) {
        out.add(c);
      }
      return e;
    });
    return out;
  }

  /**
   * Why the body of {@code g}, a function with an array result, cannot be taken in by its callers,
   * or null: the array it returns once, at the end (as every array result is), must be one it
   * creates, so that no array is held by two locals once it is inlined.
   */
  public static String unfitBody(Function g) {
    if (!g.signature().returnType().isArray() || g.body().isEmpty()
        || !(g.body().get(g.body().size() - 1) instanceof Stmt.Return r)) {
      return null;
    }
    return r.value() instanceof Expr.Var v && g.signature().paramNames().contains(v.name())
        ? "it returns its parameter " + v.name() : null;
  }
}

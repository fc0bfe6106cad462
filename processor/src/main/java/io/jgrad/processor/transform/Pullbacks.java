package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.VjpPasses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The pullback of a {@code @CustomVjp} function as differentiable functions of their own, one per
 * differentiated parameter: {@code fPullbackX(p..., g) = bwd(nondiff..., fwd(p...).residuals, g).x}.
 * Their bodies splice the rule's forward and backward passes, so reverse mode over them is reverse
 * over reverse through the rule (JAX's {@code grad(grad(f))} of a {@code custom_vjp} function).
 */
public final class Pullbacks {
  private Pullbacks() {}

  /** The pullback functions of {@code f}, from its rule's passes. */
  public static List<Function> of(Callee f, VjpPasses passes) {
    return of(f, passes, f.params().stream().filter(q -> !q.differentiated())
        .map(q -> new Expr.Var(q.name(), q.type())).toList());
  }

  /**
   * The same, where the backward pass takes {@code nondiff} before its residuals: the leaves of a
   * record function's non-differentiated parameters (a differentiated record's int leaf is not one).
   */
  public static List<Function> of(Callee f, VjpPasses passes, List<Expr.Var> nondiff) {
    List<Callee.Param> diff = f.differentiatedParams();
    return IntStream.range(0, diff.size()).mapToObj(i -> pullback(f, diff.get(i), passes.fwd(), passes.residuals(),
        passes.bwd().get(i), nondiff)).toList();
  }

  private static Function pullback(Callee f, Callee.Param p, VjpPasses.Pass fwd, List<Expr.Var> residuals,
      VjpPasses.Pass bwd, List<Expr.Var> nondiff) {
    List<Callee.Param> cotangents = cotangents(f);
    Callee sig = f.pullbackFunction(p, cotangents);
    List<String> paramNames = sig.paramNames();
    Names names = Names.of(paramNames, List.of());
    List<Stmt> body = new ArrayList<>();

    Map<String, String> renamed = new HashMap<>();
    // A record or array result's value is not read back (the forward pass gives its residuals only).
    Type valueType = f.recordResult() != null || f.returnType().isArray() ? Type.DOUBLE : f.returnType();
    Expr.Var value = names.var("value", valueType);
    body.addAll(Inliner.spliceCall(fwd.as(valueType), f.paramVars(), value, names, renamed));

    List<Expr> bwdArgs = new ArrayList<>(nondiff);
    residuals.forEach(r -> bwdArgs.add(new Expr.Var(renamed.get(r.name()), r.type())));
    cotangents.forEach(g -> bwdArgs.add(new Expr.Var(g.name(), g.type())));
    Expr.Var component = names.var(p.name() + "Bar", p.type());
    body.addAll(Inliner.spliceCall(bwd.as(p.type()), bwdArgs, component, names, null));
    body.add(new Stmt.Return(component));
    // The forward pass's value, and residuals this component's backward pass does not read, are dead;
    // splicing names each argument again.
    Set<String> params = new HashSet<>(paramNames);
    return new Function.Plain(sig, DeadStores.drop(CopyLocals.propagate(body, params), params));
  }

  /** The output cotangent of {@code f}'s pullback functions: {@code g}, or one per leaf of a record result. */
  public static List<Callee.Param> cotangents(Callee f) {
    String g = f.pullbackCotangentName();
    if (f.recordResult() == null) {
      return List.of(new Callee.Param(g, f.returnType(), true));
    }
    return f.recordResult().shape().leaves().stream()
        .map(l -> new Callee.Param(g + "_" + l.suffix(), l.type(), true)).toList();
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code jvps} rules read as the one {@code jvp} rule JAX's {@code defjvps} defines: {@code ans = f(p...)}
 * (a call of the function itself, so its rules apply again wherever {@code ans} is differentiated),
 * then the output tangent {@code Σᵢ ruleᵢ(ṗᵢ, ans, p...)}, each rule's body inlined so that higher
 * orders differentiate it as written.
 */
public final class JvpsAsOneRule {
  private JvpsAsOneRule() {}

  /**
   * The single rule of {@code sig} whose tangent sums {@code rules} (one per differentiated parameter,
   * in order, null where that tangent contributes zero; each a body of parameters (tangent, ans,
   * primals...)), its tangent parameters named {@code tangentNames}.
   */
  public static Function.JvpRule of(Callee sig, List<Function> rules, List<String> tangentNames) {
    List<Callee.Param> diff = sig.differentiatedParams();
    Names names = Names.of(Stream.concat(sig.paramNames().stream(), tangentNames.stream()).toList(), List.of());
    Type t = sig.returnType();
    Expr.Var ans = names.var("ans", t);
    List<Stmt> body = new ArrayList<>(List.of(new Stmt.Assign(ans, new Expr.Call(sig, sig.paramVars(), t), true)));
    Expr sum = null;
    List<String> ruleNames = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      Function rule = rules.get(i);
      if (rule == null) {
        continue;
      }
      ruleNames.add(rule.signature().name());
      List<Expr> args = new ArrayList<>(List.of(new Expr.Var(tangentNames.get(i), diff.get(i).type()), ans));
      args.addAll(sig.paramVars());
      Expr.Var part = names.var(rule.signature().name(), t);
      body.addAll(Inliner.spliceCall(rule, args, part, names, null));
      sum = sum == null ? part : Exprs.prim(Primitive.ADD, sum, part);
    }
    body.add(new Stmt.Return(new Expr.Pair(ans, sum == null ? Exprs.zero(t) : sum, t)));
    List<Callee.Param> tangents = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      tangents.add(new Callee.Param(tangentNames.get(i), diff.get(i).type(), true));
    }
    return new Function.JvpRule(sig, List.copyOf(body), String.join(", ", ruleNames), tangentNames,
        Activity.of(body, tangents));
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Lane;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces each call a kernel's forward mode kept (a call to a {@code @CustomJvp} function) with its
 * rule as plain code: the rule's body with the call's arguments and argument tangents bound to its
 * parameters, then {@code result}, {@code resultDot} from what it returns.
 *
 * @param sig the function whose lane this is, named in errors
 * @param names the lane's names, which the expanded rules join
 * @param constants the lane's constants, which the expanded rules join
 * @param declared the results declared so far: in the vector program a call repeats once per
 *     parameter, and its result is declared once
 */
record JvpRuleExpansion(Callee sig, KernelSources sources, Names names, List<Lane.Constant> constants,
    Set<String> declared) {
  /** {@code program} of the lane of {@code sig} with every rule call expanded, in kernel form. */
  List<Linear> expand(List<Linear> program) {
    List<Linear> out = new ArrayList<>();
    for (Linear l : program) {
      if (l instanceof Linear.Call c) {
        boolean declareResult = c.declare() && declared.add(c.result().name());
        List<Stmt> form = KernelForm.of(rule(c, declareResult), names, constants, List.of());
        out.addAll(Jvp.transform(form, List.of(), names).program()); // control flow as linear nodes
      } else {
        out.add(Rewrite.withBodies(l, this::expand));
      }
    }
    return out;
  }

  /** One rule call as statements: {@code jvp = "..."} runs the rule's body; {@code jvps} sums the per-parameter rules. */
  private List<Stmt> rule(Linear.Call c, boolean declareResult) {
    Callee callee = c.callee();
    List<Callee.Param> diff = callee.differentiatedParams();
    List<Expr> tangentArgs = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      Expr.Var t = c.argTangents().get(i);
      tangentArgs.add(t != null ? t : Exprs.zero(diff.get(i).type()));
    }
    Function g = sources.functions().apply(callee);
    if (g instanceof Function.JvpRule rule) {
      return jvpRule(c, rule, tangentArgs, declareResult);
    }
    if (g instanceof Function.JvpsRules rules) {
      return jvpsRules(c, rules, tangentArgs, declareResult);
    }
    // The lowering keeps calls only to functions with a rule (KernelLowering.hasJvpRule).
    throw new IllegalStateException(callee.name() + " has no @CustomJvp rule to expand");
  }

  /** {@code jvp = "..."}: the rule's body with the call's arguments and argument tangents bound to its parameters. */
  private List<Stmt> jvpRule(Linear.Call c, Function.JvpRule rule, List<Expr> tangentArgs, boolean declareResult) {
    Callee callee = c.callee();
    List<Callee.Param> diff = callee.differentiatedParams();
    Type t = callee.returnType();
    // The rule's code runs as plain code, so its call of the primal is no cycle: the path starts at the rule.
    List<String> path = List.of(callee.name() + "'s rule " + rule.name());
    List<Callee.Param> params = new ArrayList<>(callee.params());
    for (int i = 0; i < diff.size(); i++) {
      params.add(new Callee.Param(rule.tangentNames().get(i), diff.get(i).type(), true));
    }
    Names own = Names.of(params.stream().map(Callee.Param::name).toList(), rule.body());
    Expr.Var value = own.var("ruleValue", t);
    Expr.Var tangent = own.var("ruleTangent", t);
    List<Stmt> normal = sources.inline(path, Normalizer.normalize(
        new Function.Plain(callee, rule.splitBody(List.of(value), List.of(tangent))), own), own, x -> false);
    List<Expr> args = new ArrayList<>(c.args());
    args.addAll(tangentArgs);
    Map<String, String> renamed = new LinkedHashMap<>();
    List<Stmt> out = new ArrayList<>(
        Inliner.splice(callee.name(), params, args, normal, c.result(), declareResult, names, renamed));
    out.add(new Stmt.Assign(c.resultDot(), new Expr.Var(renamed.get(tangent.name()), t), c.declare()));
    return out;
  }

  /** {@code jvps}: the primal body, then the output tangent as the sum of each rule's body at its argument tangent. */
  private List<Stmt> jvpsRules(Linear.Call c, Function.JvpsRules rules, List<Expr> tangentArgs,
      boolean declareResult) {
    Callee callee = c.callee();
    List<Callee.Param> diff = callee.differentiatedParams();
    Type t = callee.returnType();
    // As for a jvp rule, the path starts at the rules.
    List<String> path = List.of(callee.name() + "'s rule");
    Function primal = sources.primals().apply(callee);
    if (primal == null) {
      throw new NotBatchable(sig.name() + " → " + callee.name() + ": the body of " + callee.name()
          + " is outside the subset kernels run", callee.name());
    }
    Names own = Names.of(callee.paramNames(), primal.body());
    List<Stmt> out = new ArrayList<>(Inliner.splice(callee.name(), callee.params(), c.args(),
        sources.inline(path, Normalizer.normalize(primal, own), own, x -> false), c.result(), declareResult, names,
        null));
    Expr sum = null;
    for (int i = 0; i < diff.size(); i++) {
      String ruleName = rules.ruleNames().get(i);
      if (ruleName == null) {
        continue;
      }
      Function r = sources.ruleMethods().apply(rules.signature().ownerQualifiedName(), ruleName);
      if (r == null) {
        throw new NotBatchable(sig.name() + " → " + callee.name() + ": the body of its rule " + ruleName
            + " is outside the subset kernels run", callee.name());
      }
      List<Expr> args = new ArrayList<>(List.of(tangentArgs.get(i), c.result()));
      args.addAll(c.args());
      Names ruleNames = Names.of(r.signature().paramNames(), r.body());
      Expr.Var part = names.var(ruleName, t);
      out.addAll(Inliner.splice(ruleName, r.signature().params(), args,
          sources.inline(path, Normalizer.normalize(r, ruleNames), ruleNames, x -> false), part, true, names, null));
      sum = sum == null ? part : new Expr.Prim(Primitive.ADD, List.of(sum, part), t, false);
    }
    out.add(new Stmt.Assign(c.resultDot(), sum == null ? Exprs.zero(t) : sum, c.declare()));
    return out;
  }
}

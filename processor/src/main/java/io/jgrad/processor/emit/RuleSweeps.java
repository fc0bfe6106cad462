package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Linearized;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.transform.DeadCode;
import io.jgrad.processor.transform.Normalizer;
import io.jgrad.processor.transform.RuleLinearizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The two sweeps of reverse mode, and forward mode, from a user's custom rules instead of a body. */
final class RuleSweeps {
  private static final ClassName DUAL = RuntimeTypes.DUAL;
  private static final ClassName FLOAT_DUAL = RuntimeTypes.FLOAT_DUAL;

  private RuleSweeps() {}

  /**
   * {@code @CustomVjp}: the forward pass gives the value and the residuals; the pullback is the
   * backward pass, with a null gradient read as zero.
   */
  static Sweeps fromVjpRule(Function.VjpRule rule) {
    Callee sig = rule.signature();
    List<String> paramNames = sig.params().stream().map(Callee.Param::name).toList();
    Names names = Names.of(new ArrayList<>(paramNames), List.of());
    String fwd = names.fresh("fwd");
    String grad = names.fresh("grad");
    ClassName owner = ClassName.bestGuess(rule.owner());
    CodeBlock forward = CodeBlock.builder()
        .addStatement("var $L = $T.$L($L)", fwd, owner, rule.fwd(), String.join(", ", paramNames)).build();
    List<String> bwdArgs = new ArrayList<>();
    for (Callee.Param p : sig.params()) {
      if (!p.differentiated()) {
        bwdArgs.add(p.name());
      }
    }
    bwdArgs.add(fwd + ".residuals()");
    bwdArgs.add("outBar");
    CodeBlock.Builder reverse = CodeBlock.builder();
    if (sig.returnType().isArray()) {
      // A cotangent array of another length than the result is the caller's mistake, named.
      reverse.addStatement("$T.checkLength($L.value(), outBar, $S)", RuntimeTypes.TANGENTS, fwd, "outBar");
    }
    List<Callee.Param> diff = sig.differentiatedParams();
    TypeName gradType = DerivativesEmitter.gradType(sig, RuntimeTypes.derivatives(sig));
    reverse.addStatement("$T $L = $T.$L($L)", gradType, grad, owner, rule.bwd(), String.join(", ", bwdArgs));
    if (!sig.hasSingleGradient()) {
      List<String> zeros = new ArrayList<>();
      for (Callee.Param p : diff) {
        zeros.add(Terms.zeroLike(p.type(), p.name()));
      }
      reverse.beginControlFlow("if ($L == null)", grad)
          .addStatement("$L = new $L($L)", grad, sig.gradRecordName(), String.join(", ", zeros))
          .endControlFlow();
    } else if (diff.get(0).type().isArray()) {
      Callee.Param p = diff.get(0);
      reverse.beginControlFlow("if ($L == null)", grad)
          .addStatement("$L = new $L[$L.length]", grad, p.type().element().javaName(), p.name())
          .endControlFlow();
    }
    if (sig.hasSingleGradient()) {
      if (diff.get(0).type().isArray()) {
        // An array gradient of the wrong length names the backward pass and the parameter.
        reverse.addStatement("$T.gradient($L, $L, $S, $S)", RuntimeTypes.RULE_CHECKS, grad, diff.get(0).name(),
            rule.bwd(), diff.get(0).name());
      }
    } else if (diff.stream().anyMatch(p -> p.type().isArray())) {
      // A null array in the gradient is zeros too (JAX's None), so that neither the caller's gradient
      // nor the user reads a null; one of the wrong length names the backward pass and the parameter.
      List<CodeBlock> components = new ArrayList<>();
      for (Callee.Param p : diff) {
        String component = grad + "." + p.name() + "()";
        components.add(!p.type().isArray() ? CodeBlock.of("$L", component) : CodeBlock.of("$T.gradient($L, $L, $S, $S)",
            RuntimeTypes.RULE_CHECKS, component, p.name(), rule.bwd(), p.name()));
      }
      reverse.addStatement("$L = new $L($L)", grad, sig.gradRecordName(), CodeBlock.join(components, ", "));
    }
    return new Sweeps(forward, reverse.build(), fwd + ".value()", sig.returnType(), grad);
  }

  /**
   * Forward mode calls the user's rule, so its code (and its side effects) run as written; reverse
   * mode transposes the rule's linear part (the seed: "JAX will automatically transpose the linear
   * computation on tangent values from our custom JVP rule").
   */
  static Sweeps fromRule(Function.JvpRule rule, MethodSpec.Builder jvpMethod) {
    Callee sig = rule.signature();
    List<String> paramNames = new ArrayList<>(sig.params().stream().map(Callee.Param::name).toList());
    paramNames.addAll(rule.tangentNames());
    List<String> args = new ArrayList<>(paramNames);
    List<Callee.Param> diff = sig.differentiatedParams();
    List<Callee.Param> tangentParams = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      String name = rule.tangentNames().get(i);
      jvpMethod.addParameter(DerivativesEmitter.typeName(diff.get(i).type()), name);
      tangentParams.add(new Callee.Param(name, diff.get(i).type(), true));
    }
    for (int i = 0; i < diff.size(); i++) {
      if (diff.get(i).type().isArray()) {
        // A tangent of the wrong length would reach the user's rule: name the rule and the parameter.
        jvpMethod.addStatement("$T.tangent($L, $L, $S, $S)", RuntimeTypes.RULE_CHECKS, diff.get(i).name(),
            rule.tangentNames().get(i), rule.name(), diff.get(i).name());
      }
    }
    jvpMethod.addStatement("return $T.result($T.$L($L), $S)", RuntimeTypes.RULE_CHECKS, ClassName.bestGuess(rule.owner()),
        rule.name(), String.join(", ", args), rule.name());

    return reverse(rule, tangentParams, null);
  }

  /**
   * The sweeps {@code fGrad} of a {@code jvp}-rule function needs: the rule's linear program without
   * what only the primal output reads (the rule's call of its primal, when that call is pure), since
   * {@code fGrad} never returns the value; {@code pure} says which calls may go.
   */
  static Sweeps forGradient(Function.JvpRule rule, java.util.function.Predicate<Expr> removable) {
    List<Callee.Param> tangentParams = new ArrayList<>();
    List<Callee.Param> diff = rule.signature().differentiatedParams();
    for (int i = 0; i < diff.size(); i++) {
      tangentParams.add(new Callee.Param(rule.tangentNames().get(i), diff.get(i).type(), true));
    }
    return reverse(rule, tangentParams, removable);
  }

  /**
   * The rule's body read as a linear program and transposed; with {@code removable}, primal values
   * nothing in the reverse sweep reads are dropped first (only those {@code removable} accepts).
   */
  private static Sweeps reverse(Function.JvpRule rule, List<Callee.Param> tangentParams,
      java.util.function.Predicate<Expr> removable) {
    Callee sig = rule.signature();
    List<Callee.Param> diff = sig.differentiatedParams();
    List<String> paramNames = new ArrayList<>(sig.params().stream().map(Callee.Param::name).toList());
    paramNames.addAll(rule.tangentNames());
    Names names = Names.of(paramNames, rule.body());
    Type t = sig.returnType();
    Expr.Var value = new Expr.Var(names.fresh("ruleValue"), t);
    Expr.Var tangent = new Expr.Var(names.fresh("ruleTangent"), t);
    List<Stmt> normal = Normalizer.normalize(new Function.Plain(sig, rule.splitBody(value, tangent)), names);
    Set<String> linear = Activity.of(normal, tangentParams);
    List<Linear> program = RuleLinearizer.linearize(normal, linear, tangent);
    Map<String, Expr.Var> tangents = new LinkedHashMap<>();
    for (int i = 0; i < diff.size(); i++) {
      tangents.put(diff.get(i).name(), new Expr.Var(rule.tangentNames().get(i), diff.get(i).type()));
    }
    collectLinearLocals(normal, linear, tangents);
    if (removable != null) {
      program = DeadCode.eliminate(program, false, Set.of(), removable);
    }
    return Sweeps.transposed(program, tangents, sig, names);
  }

  /**
   * {@code jvps}: the output tangent is the sum of each rule's contribution. Each rule is linear in
   * its scalar tangent, so it is its own transpose: the cotangent times the rule at a unit tangent.
   * That partial derivative is computed in the forward sweep, so the pullback uses what the rule read
   * when {@code fVjp} ran, even if a field it reads changes before the pullback runs.
   */
  static Sweeps fromPerParameterRules(Function.JvpsRules rules, MethodSpec.Builder jvpMethod) {
    Callee sig = rules.signature();
    List<Callee.Param> diff = sig.differentiatedParams();
    List<String> paramNames = sig.params().stream().map(Callee.Param::name).toList();
    Names names = Names.of(new ArrayList<>(paramNames), List.of());
    rules.tangentNames().forEach(names::fresh);
    String primalOut = names.fresh("primalOut");
    ClassName owner = ClassName.bestGuess(rules.owner());
    Type t = sig.returnType();
    String args = String.join(", ", paramNames);
    List<String> contributions = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      jvpMethod.addParameter(DerivativesEmitter.typeName(diff.get(i).type()), rules.tangentNames().get(i));
      if (rules.ruleNames().get(i) != null) {
        contributions.add(rules.ruleNames().get(i) + "(" + rules.tangentNames().get(i) + ", " + primalOut
            + ", " + args + ")");
      }
    }
    jvpMethod.addStatement("$L $L = $T.$L($L)", t.javaName(), primalOut, owner, sig.name(), args);
    CodeBlock.Builder tangent = CodeBlock.builder();
    if (contributions.isEmpty()) {
      tangent.add("$L", Terms.zero(t));
    }
    for (int i = 0; i < contributions.size(); i++) {
      tangent.add(i == 0 ? "$T.$L" : " + $T.$L", owner, contributions.get(i));
    }
    jvpMethod.addStatement("return $T.of($L, $L)", t == Type.FLOAT ? FLOAT_DUAL : DUAL, primalOut, tangent.build());

    Names reverseNames = Names.of(new ArrayList<>(paramNames), List.of());
    Linearized linear = RuleLinearizer.perParameter(rules, reverseNames);
    return Sweeps.transposed(linear.program(), linear.tangents(), sig, reverseNames);
  }

  private static void collectLinearLocals(List<Stmt> body, Set<String> linear, Map<String, Expr.Var> out) {
    for (Stmt s : body) {
      Expr.Var target = s instanceof Stmt.Assign a ? a.target() : s instanceof Stmt.Declare d ? d.target() : null;
      if (target != null && linear.contains(target.name())
          && out.values().stream().noneMatch(v -> v.name().equals(target.name()))) {
        out.put(target.name(), target);
      } else if (s instanceof Stmt.If i) {
        collectLinearLocals(i.thenBody(), linear, out);
        collectLinearLocals(i.elseBody(), linear, out);
      } else if (s instanceof Stmt.While w) {
        collectLinearLocals(w.body(), linear, out);
      } else if (s instanceof Stmt.Block b) {
        collectLinearLocals(b.body(), linear, out);
      }
    }
  }
}

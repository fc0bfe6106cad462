package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * What a user's custom rules print as, instead of a body: the sweeps of a {@code @CustomVjp} (calls of
 * its passes) and {@code fJvp} of a {@code jvp} or {@code jvps} rule (calls of the rules).
 */
final class RuleSweeps {
  private RuleSweeps() {}

  /**
   * {@code @CustomVjp}: the forward pass gives the value and the residuals; the pullback is the
   * backward pass, with a null gradient read as zero.
   */
  static Sweeps fromVjpRule(Function.VjpRule rule) {
    return fromVjpRule(rule, false);
  }

  /**
   * The same; with {@code copies} (a public {@code fVjp}, whose pullback runs later) the backward pass
   * gets copies, taken at the call, of the non-differentiated arrays it is given.
   */
  static Sweeps fromVjpRule(Function.VjpRule rule, boolean copies) {
    Callee sig = rule.signature();
    List<String> paramNames = sig.paramNames();
    Names names = Names.of(new ArrayList<>(paramNames), List.of());
    String fwd = names.fresh("fwd");
    String grad = names.fresh("grad");
    ClassName owner = ClassName.bestGuess(sig.ownerQualifiedName());
    CodeBlock forward = CodeBlock.builder()
        .addStatement("var $L = $T.$L($L)", fwd, owner, rule.fwd(), String.join(", ", paramNames)).build();
    CodeBlock.Builder copied = CodeBlock.builder().add(forward);
    List<String> bwdArgs = new ArrayList<>();
    for (Callee.Param p : sig.params()) {
      if (p.differentiated()) {
        continue;
      }
      String arg = p.name();
      if (copies && p.type().isArray()) {
        arg = names.fresh(p.name() + "AtCall");
        copied.addStatement("$T $L = $L.clone()", DerivativesEmitter.typeName(p.type()), arg, p.name());
      }
      bwdArgs.add(arg);
    }
    forward = copied.build();
    bwdArgs.add(fwd + ".residuals()");
    bwdArgs.add("outBar");
    CodeBlock.Builder reverse = CodeBlock.builder();
    if (sig.returnType().isArray()) {
      // A cotangent array of another length than the result is the caller's mistake, named.
      reverse.addStatement("$T.checkLength($L.value(), outBar, $S)", RuntimeTypes.TANGENTS, fwd, "outBar");
    }
    List<Callee.Param> diff = sig.differentiatedParams();
    TypeName gradType = DerivativesEmitter.gradType(sig);
    reverse.addStatement("$T $L = $T.$L($L)", gradType, grad, owner, rule.bwd(), String.join(", ", bwdArgs));
    if (!sig.hasSingleGradient() || diff.get(0).type().isArray()) {
      List<String> zeros = diff.stream().map(p -> Terms.zeroLike(p.type(), p.name())).toList();
      reverse.beginControlFlow("if ($L == null)", grad)
          .addStatement("$L = $L", grad, sig.hasSingleGradient() ? zeros.get(0)
              : "new " + sig.gradRecordName() + "(" + String.join(", ", zeros) + ")")
          .endControlFlow();
    }
    if (sig.hasSingleGradient() && diff.get(0).type().isArray()) {
      // An array gradient of the wrong length names the backward pass and the parameter.
      reverse.addStatement("$T.gradient($L, $L, $S, $S)", RuntimeTypes.RULE_CHECKS, grad, diff.get(0).name(),
          rule.bwd(), diff.get(0).name());
    } else if (!sig.hasSingleGradient() && diff.stream().anyMatch(p -> p.type().isArray())) {
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
    return new Sweeps(forward, reverse.build(), CodeBlock.of("$L.value()", fwd), grad, true);
  }

  /**
   * {@code fJvp} of a {@code jvp}-rule function calls the user's rule, so its code (and its side
   * effects) run as written; reverse mode transposes the rule's linear part (RuleLinearizer).
   */
  static void ruleJvp(Function.JvpRule rule, MethodSpec.Builder jvpMethod) {
    Callee sig = rule.signature();
    List<String> args = new ArrayList<>(sig.paramNames());
    args.addAll(rule.tangentNames());
    List<Callee.Param> diff = sig.differentiatedParams();
    for (int i = 0; i < diff.size(); i++) {
      jvpMethod.addParameter(DerivativesEmitter.typeName(diff.get(i).type()), rule.tangentNames().get(i));
      checkTangent(jvpMethod, diff.get(i).type(), diff.get(i).name(), rule.tangentNames().get(i), rule);
    }
    returnRule(jvpMethod, rule, String.join(", ", args));
  }

  /** A tangent array of another length than its primal would reach the user's rule: name the rule and the parameter. */
  static void checkTangent(MethodSpec.Builder m, Type type, String primal, String tangent, Function.JvpRule rule) {
    if (type.isArray()) {
      m.addStatement("$T.tangent($L, $L, $S, $S)", RuntimeTypes.RULE_CHECKS, primal, tangent, rule.name(), primal);
    }
  }

  /** {@code return RuleChecks.result(Owner.rule(args), "rule")}: the rule called, what it returned checked. */
  static MethodSpec.Builder returnRule(MethodSpec.Builder m, Function.JvpRule rule, Object args) {
    return m.addStatement("return $T.result($T.$L($L), $S)", RuntimeTypes.RULE_CHECKS,
        ClassName.bestGuess(rule.signature().ownerQualifiedName()), rule.name(), args, rule.name());
  }

  /**
   * {@code fJvp} of a {@code jvps}-rules function: the output tangent is the sum of each rule's
   * contribution (reverse mode transposes them: RuleLinearizer.perParameter).
   */
  static void perParameterJvp(Function.JvpsRules rules, MethodSpec.Builder jvpMethod) {
    Callee sig = rules.signature();
    List<Callee.Param> diff = sig.differentiatedParams();
    List<String> paramNames = sig.paramNames();
    Names names = Names.of(new ArrayList<>(paramNames), List.of());
    rules.tangentNames().forEach(names::fresh);
    String primalOut = names.fresh("primalOut");
    ClassName owner = ClassName.bestGuess(sig.ownerQualifiedName());
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
    CodeBlock tangent = contributions.isEmpty() ? CodeBlock.of("$L", Terms.zero(t))
        : CodeBlock.join(contributions.stream().map(c -> CodeBlock.of("$T.$L", owner, c)).toList(), " + ");
    jvpMethod.addStatement("return $T.of($L, $L)", RuntimeTypes.dual(t), primalOut, tangent);
  }
}

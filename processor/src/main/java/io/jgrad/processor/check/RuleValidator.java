package io.jgrad.processor.check;

import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Finds and checks the rule a {@code @CustomJvp} names: it must exist in the same class (named
 * without a class: {@code jvp = "softplusJvp"}), be static,
 * take the primal's parameters then one tangent per differentiated parameter, and return
 * {@code Dual} ({@code FloatDual} for a float result).
 */
public final class RuleValidator {
  private RuleValidator() {}

  /** The rule method of {@code f}, or empty after reporting why there is none usable. */
  public static Optional<ExecutableElement> jvpRule(ExecutableElement f, DiffSpec spec, Callee sig, Report report) {
    String name = f.getSimpleName().toString();
    if (spec.jvp().isEmpty() == spec.jvps().isEmpty()) {
      report.error(Codes.RULE_MISSING, "@CustomJvp on " + name + " needs exactly one of jvp = \"...\""
          + " or jvps = {...}", f);
      return Optional.empty();
    }
    String ruleName = spec.jvp();
    String expected = expectedSignature(f, sig, ruleName);
    Optional<ExecutableElement> found = find(f, "jvp", ruleName, expected, report);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ExecutableElement rule = found.get();
    int before = report.errorCount();
    checkModifiers(rule, report);
    List<String> want = new ArrayList<>();
    f.getParameters().forEach(p -> want.add(p.asType().toString()));
    for (int i = 0; i < sig.params().size(); i++) {
      if (sig.params().get(i).differentiated()) {
        want.add(f.getParameters().get(i).asType().toString());
      }
    }
    checkParameters(rule, "the rule " + ruleName, want, expected, report);
    String wantReturn = RecordShape.of(f.getReturnType()) != null || (sig.returnType() != null && sig.returnType().isArray())
        ? "io.jgrad.runtime.Jvp<" + f.getReturnType() + ">"
        : sig.returnType() == Type.FLOAT ? "io.jgrad.runtime.FloatDual" : "io.jgrad.runtime.Dual";
    if (!rule.getReturnType().toString().equals(wantReturn)) {
      report.error(Codes.RULE_RETURN, "the rule " + ruleName + " must return "
          + wantReturn.replace("io.jgrad.runtime.", "") + " (value and tangent), not "
          + rule.getReturnType(), rule);
    }
    return report.errorCount() == before ? Optional.of(rule) : Optional.empty();
  }

  /**
   * The rule method of {@code f}, a function with records in its signature seen as {@code view} (a
   * record parameter is one value), or empty after reporting why there is none usable.
   */
  public static Optional<ExecutableElement> recordJvpRule(ExecutableElement f, DiffSpec spec, Callee view,
      Report report) {
    if (spec.jvp().isEmpty()) {
      report.error(Codes.RULE_SIGNATURE, "jvps rules for a function with records are not supported yet;"
          + " hint: write one rule with jvp = \"...\"", f);
      return Optional.empty();
    }
    return jvpRule(f, spec, view, report);
  }

  /**
   * The per-parameter rules of {@code jvps}, one per differentiated parameter, null where the name is
   * empty (zero); each takes (tangent, primal output, the primal's parameters) and returns the
   * contribution to the output tangent.
   */
  public static Optional<List<ExecutableElement>> jvpsRules(ExecutableElement f, DiffSpec spec, Callee sig,
      Report report) {
    String name = f.getSimpleName().toString();
    List<Callee.Param> diff = sig.differentiatedParams();
    if (spec.jvps().size() != diff.size()) {
      report.error(Codes.RULE_SIGNATURE, "@CustomJvp(jvps = ...) on " + name + " lists " + spec.jvps().size()
          + " rules but " + name + " has " + diff.size() + " differentiated parameters; use \"\" for a"
          + " zero contribution", f);
      return Optional.empty();
    }
    int before = report.errorCount();
    List<ExecutableElement> rules = new ArrayList<>();
    int d = 0;
    for (int i = 0; i < sig.params().size(); i++) {
      if (!sig.params().get(i).differentiated()) {
        continue;
      }
      String ruleName = spec.jvps().get(d++);
      if (ruleName.isEmpty()) {
        rules.add(null);
        continue;
      }
      VariableElement p = f.getParameters().get(i);
      List<String> want = new ArrayList<>();
      want.add(p.asType().toString());
      want.add(f.getReturnType().toString());
      f.getParameters().forEach(q -> want.add(q.asType().toString()));
      List<String> shown = new ArrayList<>();
      shown.add(p.asType() + " " + p.getSimpleName() + "Dot");
      shown.add(f.getReturnType() + " primalOut");
      f.getParameters().forEach(q -> shown.add(q.asType() + " " + q.getSimpleName()));
      String expected = "static " + p.asType() + " " + ruleName + "(" + String.join(", ", shown) + ")";
      if (sig.params().get(i).type().isArray()) {
        report.error(Codes.RULE_SIGNATURE, "jvps rules for array parameters are not supported yet ("
            + p.getSimpleName() + "); hint: write one rule with jvp = ...", f);
        continue;
      }
      Optional<ExecutableElement> found = find(f, "jvps", ruleName, expected, report);
      if (found.isEmpty()) {
        continue;
      }
      ExecutableElement rule = found.get();
      checkModifiers(rule, report);
      checkParameters(rule, "the rule " + ruleName, want, expected, report);
      if (!rule.getReturnType().toString().equals(p.asType().toString())) {
        report.error(Codes.RULE_RETURN, "the rule " + ruleName + " must return " + p.asType()
            + " (its contribution to the output tangent), not " + rule.getReturnType(), rule);
      }
      rules.add(rule);
    }
    return report.errorCount() == before ? Optional.of(rules) : Optional.empty();
  }

  /**
   * Checks the forward and backward passes of a {@code @CustomVjp}: {@code fwd} takes the primal's
   * parameters and returns {@code Fwd<R>}; {@code bwd} takes the non-differentiated parameters, the
   * residuals {@code R} and the output cotangent, and returns the gradient.
   */
  public static boolean vjpRules(ExecutableElement f, DiffSpec spec, Callee sig, String gradType, Report report) {
    int before = report.errorCount();
    List<String> shown = new ArrayList<>();
    List<String> want = new ArrayList<>();
    f.getParameters().forEach(p -> {
      shown.add(p.asType() + " " + p.getSimpleName());
      want.add(p.asType().toString());
    });
    // A record or array result has no double value to hold in a Fwd: fwd returns a RecordFwd.
    Type resultType = TypeMapper.map(f.getReturnType());
    boolean recordResult = RecordShape.of(f.getReturnType()) != null || (resultType != null && resultType.isArray());
    String fwdType = recordResult ? "RecordFwd<" + f.getReturnType() + ", R>" : "Fwd<R>";
    String fwdExpected = "static " + fwdType + " " + spec.fwd() + "(" + String.join(", ", shown) + ")";
    Optional<ExecutableElement> fwd = find(f, "fwd", spec.fwd(), fwdExpected, report);
    String residuals = null;
    if (fwd.isPresent()) {
      checkModifiers(fwd.get(), report);
      checkParameters(fwd.get(), "the rule " + spec.fwd(), want, fwdExpected, report);
      TypeMirror r = fwd.get().getReturnType();
      String wantFwd = recordResult ? "io.jgrad.runtime.RecordFwd" : "io.jgrad.runtime.Fwd";
      if (!(r instanceof javax.lang.model.type.DeclaredType d)
          || !((TypeElement) d.asElement()).getQualifiedName().contentEquals(wantFwd)
          || d.getTypeArguments().size() != (recordResult ? 2 : 1)
          || (recordResult && !d.getTypeArguments().get(0).toString().equals(f.getReturnType().toString()))) {
        report.error(Codes.RULE_RETURN, "the forward pass " + spec.fwd() + " must return " + fwdType
            + ": the value and the residuals for " + spec.bwd() + ", not " + r, fwd.get());
      } else {
        residuals = d.getTypeArguments().get(recordResult ? 1 : 0).toString();
      }
    }
    List<String> bwdShown = new ArrayList<>();
    List<String> bwdWant = new ArrayList<>();
    for (int i = 0; i < sig.params().size(); i++) {
      if (!sig.params().get(i).differentiated()) {
        VariableElement p = f.getParameters().get(i);
        bwdShown.add(p.asType() + " " + p.getSimpleName());
        bwdWant.add(p.asType().toString());
      }
    }
    bwdShown.add((residuals == null ? "R" : residuals) + " residuals");
    bwdWant.add(residuals);
    String cotangent = recordResult ? f.getReturnType().toString() : "double";
    bwdShown.add(cotangent + " g");
    bwdWant.add(cotangent);
    String bwdExpected = "static " + gradType + " " + spec.bwd() + "(" + String.join(", ", bwdShown) + ")";
    Optional<ExecutableElement> bwd = find(f, "bwd", spec.bwd(), bwdExpected, report);
    if (bwd.isPresent()) {
      ExecutableElement b = bwd.get();
      checkModifiers(b, report);
      checkParameters(b, "the backward pass " + spec.bwd(), bwdWant, bwdExpected, report);
      String ret = b.getReturnType().toString();
      boolean ok = sig.hasSingleGradient() ? ret.equals(gradType) : ret.endsWith(gradType);
      if (!ok) {
        report.error(Codes.RULE_RETURN, "the backward pass " + spec.bwd() + " must return the gradient, "
            + gradType + ", not " + ret, b);
      }
    }
    return report.errorCount() == before;
  }

  /**
   * The one method {@code ruleName} of {@code f}'s class. A missing one is reported with what would
   * fix it: a rule named with its class is told that rules live in the function's class, and a
   * near miss among the class's other methods is offered ("did you mean").
   */
  private static Optional<ExecutableElement> find(ExecutableElement f, String attribute, String ruleName,
      String expected, Report report) {
    TypeElement owner = (TypeElement) f.getEnclosingElement();
    List<ExecutableElement> candidates = new ArrayList<>();
    Set<String> others = new LinkedHashSet<>();
    for (Element e : owner.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(ruleName)) {
        candidates.add((ExecutableElement) e);
      } else if (e.getKind() == ElementKind.METHOD) {
        others.add(e.getSimpleName().toString());
      }
    }
    if (candidates.isEmpty()) {
      Optional<DiffSpec> spec = DiffSpec.of(f);
      String said = spec.map(DiffSpec::annotation).orElse("") + " on " + f.getSimpleName() + " names the rule "
          + ruleName;
      int dot = ruleName.lastIndexOf('.');
      if (dot >= 0) {
        String simple = ruleName.substring(dot + 1);
        report.error(Codes.RULE_MISSING, said + ", but a rule is a method of the function's own class, named"
            + " without a class; hint: add " + expected.replace(" " + ruleName + "(", " " + simple + "(")
            + " to " + owner.getSimpleName() + " (it may call " + ruleName + ") and write " + written(attribute, simple), f);
        return Optional.empty();
      }
      // neither the function itself nor the rules it already names are what a typo meant
      others.remove(f.getSimpleName().toString());
      spec.ifPresent(s -> others.removeAll(s.ruleNames()));
      String meant = NearMiss.of(ruleName, others)
          .map(m -> "; did you mean " + m + "? hint: write " + written(attribute, m) + ", or add " + expected)
          .orElse("; hint: add " + expected);
      report.error(Codes.RULE_MISSING, said + ", but " + owner.getSimpleName() + " has no method " + ruleName
          + meant, f);
      return Optional.empty();
    }
    if (candidates.size() > 1) {
      report.error(Codes.RULE_SIGNATURE, "the rule " + ruleName + " is overloaded; keep only " + expected,
          candidates.get(1));
      return Optional.empty();
    }
    return Optional.of(candidates.get(0));
  }

  /** How the annotation names {@code rule}: {@code jvp = "rule"}, or as an entry of {@code jvps}. */
  private static String written(String attribute, String rule) {
    return attribute.equals("jvps") ? "\"" + rule + "\" in jvps = {...}" : attribute + " = \"" + rule + "\"";
  }

  private static void checkModifiers(ExecutableElement rule, Report report) {
    String ruleName = rule.getSimpleName().toString();
    if (!rule.getModifiers().contains(Modifier.STATIC)) {
      report.error(Codes.RULE_NOT_STATIC, "the rule " + ruleName + " must be static", rule);
    }
    if (rule.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(Codes.INACCESSIBLE, "the rule " + ruleName + " must not be private: generated code"
          + " calls it; hint: make it package-private", rule);
    }
    Exceptions.checked(rule, "the rule " + ruleName, report);
  }

  /**
   * Checks that {@code rule}, named {@code what} in reports, takes parameters of the types {@code want}
   * (a null one takes any type: residuals of a forward pass that failed its own check).
   */
  private static void checkParameters(ExecutableElement rule, String what, List<String> want, String expected,
      Report report) {
    List<? extends VariableElement> have = rule.getParameters();
    if (have.size() != want.size()) {
      report.error(Codes.RULE_SIGNATURE, what + " takes " + have.size() + " parameters but must take "
          + want.size() + ": " + expected, rule);
      return;
    }
    for (int i = 0; i < want.size(); i++) {
      if (want.get(i) != null && !have.get(i).asType().toString().equals(want.get(i))) {
        report.error(Codes.RULE_SIGNATURE, "parameter " + (i + 1) + " of " + what + " must be " + want.get(i)
            + ", not " + have.get(i).asType() + ": " + expected, have.get(i));
      }
    }
  }

  private static String expectedSignature(ExecutableElement f, Callee sig, String ruleName) {
    List<String> params = new ArrayList<>();
    f.getParameters().forEach(p -> params.add(p.asType() + " " + p.getSimpleName()));
    for (int i = 0; i < sig.params().size(); i++) {
      if (sig.params().get(i).differentiated()) {
        VariableElement p = f.getParameters().get(i);
        params.add(p.asType() + " " + p.getSimpleName() + "Dot");
      }
    }
    Type result = TypeMapper.map(f.getReturnType());
    String ret = RecordShape.of(f.getReturnType()) != null || (result != null && result.isArray())
        ? "Jvp<" + f.getReturnType() + ">"
        : TypeMapper.map(f.getReturnType()) == Type.FLOAT ? "FloatDual" : "Dual";
    return "static " + ret + " " + ruleName + "(" + String.join(", ", params) + ")";
  }
}

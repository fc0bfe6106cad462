package io.jgrad.processor.check;

import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Finds and checks the rule a {@code @CustomJvp} names: it must exist in the same class (named
 * without a class: {@code jvp = "softplusJvp"}), be static,
 * take the primal's parameters then one tangent per differentiated parameter, and return
 * {@code Dual} ({@code FloatDual} for a float result).
 */
public final class RuleValidator {
  private RuleValidator() {}

  private static final String RUNTIME = "io.jgrad.runtime.";
  /** The most edits between a misspelt rule name and the one {@link #nearMiss} offers. */
  private static final int MAX_EDITS = 2;

  /** A parameter a rule must take: its type (null takes any type), and how the expected signature shows it. */
  private record Param(String type, String shown) {
    static Param of(VariableElement p, String suffix) {
      return new Param(p.asType().toString(), p.asType() + " " + p.getSimpleName() + suffix);
    }
  }

  /** The rule method of {@code f}, or empty after reporting why there is none usable. */
  public static Optional<ExecutableElement> jvpRule(ExecutableElement f, DiffSpec spec, Callee sig, Report report) {
    String name = f.getSimpleName().toString();
    if (spec.jvp().isEmpty() == spec.jvps().isEmpty()) {
      report.error(Codes.RULE_MISSING, "@CustomJvp on " + name + " needs exactly one of jvp = \"...\""
          + " or jvps = {...}", f);
      return Optional.empty();
    }
    String ruleName = spec.jvp();
    List<Param> params = new ArrayList<>(params(f));
    paramsWhere(f, sig, Callee.Param::differentiated).forEach(p -> params.add(Param.of(p, "Dot")));
    String wantReturn = RUNTIME + (wholeResult(f) ? "Jvp<" + f.getReturnType() + ">"
        : sig.returnType() == Type.FLOAT ? "FloatDual" : "Dual");
    int before = report.errorCount();
    Optional<ExecutableElement> found = find(f, "jvp", ruleName, wantReturn.substring(RUNTIME.length()), params,
        report);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ExecutableElement rule = found.get();
    if (!rule.getReturnType().toString().equals(wantReturn)) {
      report.error(Codes.RULE_RETURN, "the rule " + ruleName + " must return " + wantReturn.replace(RUNTIME, "")
          + " (value and tangent), not " + rule.getReturnType(), rule);
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
    List<VariableElement> diff = paramsWhere(f, sig, Callee.Param::differentiated);
    if (spec.jvps().size() != diff.size()) {
      report.error(Codes.RULE_SIGNATURE, "@CustomJvp(jvps = ...) on " + name + " lists " + spec.jvps().size()
          + " rules but " + name + " has " + diff.size() + " differentiated parameters; use \"\" for a"
          + " zero contribution", f);
      return Optional.empty();
    }
    int before = report.errorCount();
    List<ExecutableElement> rules = new ArrayList<>();
    for (int d = 0; d < diff.size(); d++) {
      String ruleName = spec.jvps().get(d);
      if (ruleName.isEmpty()) {
        rules.add(null);
        continue;
      }
      VariableElement p = diff.get(d);
      List<Param> params = new ArrayList<>(List.of(Param.of(p, "Dot"),
          new Param(f.getReturnType().toString(), f.getReturnType() + " primalOut")));
      params.addAll(params(f));
      if (sig.differentiatedParams().get(d).type().isArray()) {
        report.error(Codes.RULE_SIGNATURE, "jvps rules for array parameters are not supported yet ("
            + p.getSimpleName() + "); hint: write one rule with jvp = ...", f);
        continue;
      }
      Optional<ExecutableElement> found = find(f, "jvps", ruleName, p.asType().toString(), params, report);
      if (found.isEmpty()) {
        continue;
      }
      ExecutableElement rule = found.get();
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
  public static boolean vjpRules(ExecutableElement f, DiffSpec spec, Callee sig, Report report) {
    int before = report.errorCount();
    // How bwd spells the gradient: its one component's type (a record's own), or FGrad.
    List<Callee.Param> diff = sig.differentiatedParams();
    String gradType = diff.size() != 1 ? sig.gradRecordName()
        : diff.get(0).javaType() != null ? diff.get(0).javaType() : diff.get(0).type().javaName();
    List<Param> primal = params(f);
    // A record or array result has no double value to hold in a Fwd: fwd returns a RecordFwd.
    boolean recordResult = wholeResult(f);
    String fwdType = recordResult ? "RecordFwd<" + f.getReturnType() + ", R>" : "Fwd<R>";
    Optional<ExecutableElement> fwd = find(f, "fwd", spec.fwd(), fwdType, primal, report);
    String residuals = null;
    if (fwd.isPresent()) {
      TypeMirror r = fwd.get().getReturnType();
      String wantFwd = RUNTIME + (recordResult ? "RecordFwd" : "Fwd");
      if (!(r instanceof DeclaredType d)
          || !((TypeElement) d.asElement()).getQualifiedName().contentEquals(wantFwd)
          || d.getTypeArguments().size() != (recordResult ? 2 : 1)
          || (recordResult && !d.getTypeArguments().get(0).toString().equals(f.getReturnType().toString()))) {
        report.error(Codes.RULE_RETURN, "the forward pass " + spec.fwd() + " must return " + fwdType
            + ": the value and the residuals for " + spec.bwd() + ", not " + r, fwd.get());
      } else {
        residuals = d.getTypeArguments().get(recordResult ? 1 : 0).toString();
      }
    }
    List<Param> bwdParams = new ArrayList<>();
    paramsWhere(f, sig, p -> !p.differentiated()).forEach(p -> bwdParams.add(Param.of(p, "")));
    bwdParams.add(new Param(residuals, (residuals == null ? "R" : residuals) + " residuals"));
    String cotangent = recordResult ? f.getReturnType().toString() : "double";
    bwdParams.add(new Param(cotangent, cotangent + " g"));
    Optional<ExecutableElement> bwd = find(f, "bwd", spec.bwd(), gradType, bwdParams, report);
    if (bwd.isPresent()) {
      ExecutableElement b = bwd.get();
      String ret = b.getReturnType().toString();
      boolean ok = sig.hasSingleGradient() ? ret.equals(gradType) : ret.endsWith(gradType);
      if (!ok) {
        report.error(Codes.RULE_RETURN, "the backward pass " + spec.bwd() + " must return the gradient, "
            + gradType + ", not " + ret, b);
      }
    }
    return report.errorCount() == before;
  }

  /** Whether {@code f} returns a record or an array: a whole result, not one number and its tangent. */
  private static boolean wholeResult(ExecutableElement f) {
    Type result = TypeMapper.map(f.getReturnType());
    return RecordShape.of(f.getReturnType()) != null || (result != null && result.isArray());
  }

  /** The parameters of {@code f}, as they are. */
  private static List<Param> params(ExecutableElement f) {
    return f.getParameters().stream().map(p -> Param.of(p, "")).toList();
  }

  /** The parameters of {@code f} whose parameters in {@code sig} pass {@code test}, in order. */
  private static List<VariableElement> paramsWhere(ExecutableElement f, Callee sig, Predicate<Callee.Param> test) {
    List<VariableElement> out = new ArrayList<>();
    for (int i = 0; i < sig.params().size(); i++) {
      if (test.test(sig.params().get(i))) {
        out.add(f.getParameters().get(i));
      }
    }
    return out;
  }

  /**
   * The one method {@code ruleName} of {@code f}'s class, its declaration checked against
   * {@code static returnType ruleName(params)}, the signature its reports show. A missing one is
   * reported with what would fix it: a rule named with its class is told that rules live in the
   * function's class, and a near miss among the class's other methods is offered ("did you mean").
   */
  private static Optional<ExecutableElement> find(ExecutableElement f, String attribute, String ruleName,
      String returnType, List<Param> params, Report report) {
    String expected = "static " + returnType + " " + ruleName + "(" + params.stream().map(Param::shown)
        .collect(Collectors.joining(", ")) + ")";
    TypeElement owner = (TypeElement) f.getEnclosingElement();
    List<ExecutableElement> methods = ElementFilter.methodsIn(owner.getEnclosedElements());
    List<ExecutableElement> candidates = methods.stream().filter(e -> e.getSimpleName().contentEquals(ruleName))
        .toList();
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
      Set<String> others = methods.stream().map(e -> e.getSimpleName().toString())
          .collect(Collectors.toCollection(LinkedHashSet::new));
      // neither the function itself nor the rules it already names are what a typo meant
      others.remove(f.getSimpleName().toString());
      spec.ifPresent(s -> others.removeAll(s.ruleNames()));
      String meant = nearMiss(ruleName, others)
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
    ExecutableElement rule = candidates.get(0);
    checkDeclaration(rule, (attribute.equals("bwd") ? "the backward pass " : "the rule ") + ruleName, params,
        expected, report);
    return Optional.of(rule);
  }

  /** How the annotation names {@code rule}: {@code jvp = "rule"}, or as an entry of {@code jvps}. */
  private static String written(String attribute, String rule) {
    return attribute.equals("jvps") ? "\"" + rule + "\" in jvps = {...}" : attribute + " = \"" + rule + "\"";
  }

  /**
   * Checks that {@code rule} is static, visible and throws nothing checked (reported as "the rule" and its
   * name), and takes parameters of the types {@code want}, reported as {@code what} (a null one takes any
   * type: residuals of a forward pass that failed its own check).
   */
  private static void checkDeclaration(ExecutableElement rule, String what, List<Param> want, String expected,
      Report report) {
    String ruleName = rule.getSimpleName().toString();
    if (!rule.getModifiers().contains(Modifier.STATIC)) {
      report.error(Codes.RULE_NOT_STATIC, "the rule " + ruleName + " must be static", rule);
    }
    if (rule.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(Codes.INACCESSIBLE, "the rule " + ruleName + " must not be private: generated code"
          + " calls it; hint: make it package-private", rule);
    }
    SignatureValidator.checkedExceptions(rule, "the rule " + ruleName, report);
    List<? extends VariableElement> have = rule.getParameters();
    if (have.size() != want.size()) {
      report.error(Codes.RULE_SIGNATURE, what + " takes " + have.size() + " parameters but must take "
          + want.size() + ": " + expected, rule);
      return;
    }
    for (int i = 0; i < want.size(); i++) {
      String type = want.get(i).type();
      if (type != null && !have.get(i).asType().toString().equals(type)) {
        report.error(Codes.RULE_SIGNATURE, "parameter " + (i + 1) + " of " + what + " must be " + type
            + ", not " + have.get(i).asType() + ": " + expected, have.get(i));
      }
    }
  }

  /**
   * "Did you mean": the name among {@code candidates} closest to a misspelt one, if one is close
   * enough to be a typo — the same letters in another case ({@code squareJVP} for {@code squareJvp}),
   * or at most two letters inserted, removed, changed or swapped with a neighbour (one per three letters
   * of the name, so that a short name does not match every other short name). Ties go to the first
   * candidate.
   */
  private static Optional<String> nearMiss(String wrong, Collection<String> candidates) {
    String w = wrong.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Math.min(MAX_EDITS, wrong.length() / 3) + 1;
    for (String c : candidates) {
      // case is compared last: a candidate that differs only in case is distance 0
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Edits between {@code a} and {@code b}: insertions, removals, changes and swaps of neighbours. */
  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > MAX_EDITS) {
      return MAX_EDITS + 1;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + change, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}

package io.jgrad.processor.parse;

import com.sun.source.util.Trees;
import io.jgrad.processor.check.LinearityChecker;
import io.jgrad.processor.check.RuleValidator;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.TypeMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * Reads a {@code @CustomJvp} function: finds its rule, reads the rule's body with the primal
 * parameters named as the function names them, and checks that the output tangent is linear in the
 * input tangents, so that reverse mode can transpose it.
 */
public final class CustomJvpReader {
  private CustomJvpReader() {}

  /** The function with its rule's body, or empty after reporting why not. */
  public static Optional<Function> read(ExecutableElement f, DiffSpec spec, Trees trees, Report report,
      CalleeResolver callees) {
    Callee sig = callees.resolve(f);
    if (spec.jvp().isEmpty() && !spec.jvps().isEmpty()) {
      return readPerParameter(f, spec, sig, trees, report, callees);
    }
    Optional<ExecutableElement> found = RuleValidator.jvpRule(f, spec, sig, report);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ExecutableElement rule = found.get();
    List<String> primalNames = sig.params().stream().map(Callee.Param::name).toList();
    BodyParser parser = new BodyParser(trees, report, callees, rule, primalNames, true);
    int before = report.errorCount();
    Optional<Function> parsed = parser.parse();
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    List<String> tangentNames = new ArrayList<>();
    List<Callee.Param> tangentParams = new ArrayList<>();
    int k = primalNames.size();
    for (Callee.Param p : sig.params()) {
      if (p.differentiated()) {
        String name = rule.getParameters().get(k++).getSimpleName().toString();
        tangentNames.add(name);
        tangentParams.add(new Callee.Param(name, p.type(), true));
      }
    }
    Set<String> linear = Activity.of(parsed.get().body(), tangentParams);
    LinearityChecker.check(parsed.get().body(), linear, parser.positions(), report,
        trees.getPath(rule).getCompilationUnit(), rule);
    if (report.errorCount() > before) {
      return Optional.empty();
    }
    if (spec.order() == 2 && io.jgrad.processor.ir.Calls.of(parsed.get()).stream()
        .noneMatch(c -> c.name().equals(sig.name()) && c.ownerQualifiedName().equals(sig.ownerQualifiedName()))) {
      report.warning(io.jgrad.processor.diag.Codes.RULE_SKIPS_PRIMAL, "the rule " + rule.getSimpleName()
          + " does not call " + sig.name() + ", so second derivatives differentiate the rule's body"
          + " without applying the rule again; hint: compute the primal output by calling " + sig.name(), rule);
    }
    String owner = ((javax.lang.model.element.TypeElement) rule.getEnclosingElement()).getQualifiedName().toString();
    return Optional.of(new Function.JvpRule(sig, parsed.get().body(), owner, rule.getSimpleName().toString(),
        tangentNames, linear));
  }

  /** {@code jvps}: each rule must be linear in its first parameter, the tangent. */
  private static Optional<Function> readPerParameter(ExecutableElement f, DiffSpec spec, Callee sig,
      Trees trees, Report report, CalleeResolver callees) {
    Optional<List<ExecutableElement>> rules = RuleValidator.jvpsRules(f, spec, sig, report);
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    int before = report.errorCount();
    List<String> names = new ArrayList<>();
    List<String> tangentNames = new ArrayList<>();
    for (ExecutableElement rule : rules.get()) {
      names.add(rule == null ? null : rule.getSimpleName().toString());
      if (rule == null) {
        continue;
      }
      BodyParser parser = new BodyParser(trees, report, callees, rule);
      Optional<Function> parsed = parser.parse();
      if (parsed.isEmpty()) {
        continue;
      }
      var tangent = rule.getParameters().get(0);
      Callee.Param param = new Callee.Param(tangent.getSimpleName().toString(),
          TypeMapper.map(tangent.asType()), true);
      LinearityChecker.check(parsed.get().body(), Activity.of(parsed.get().body(), List.of(param)),
          parser.positions(), report, trees.getPath(rule).getCompilationUnit(), rule);
    }
    for (Callee.Param p : sig.differentiatedParams()) {
      tangentNames.add(p.name() + "Dot");
    }
    if (report.errorCount() > before) {
      return Optional.empty();
    }
    String owner = ((javax.lang.model.element.TypeElement) f.getEnclosingElement()).getQualifiedName().toString();
    return Optional.of(new Function.JvpsRules(sig, owner, tangentNames, names));
  }
}

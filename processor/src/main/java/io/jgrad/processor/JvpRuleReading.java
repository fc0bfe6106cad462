package io.jgrad.processor;

import com.sun.source.util.Trees;
import io.jgrad.processor.check.LinearCallees;
import io.jgrad.processor.check.LinearityChecker;
import io.jgrad.processor.check.PrimalCallChecker;
import io.jgrad.processor.check.RuleValidator;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.TypeMapper;
import io.jgrad.processor.parse.BodyParser;
import io.jgrad.processor.parse.CalleeResolver;
import io.jgrad.processor.parse.CustomJvpReader;
import io.jgrad.processor.parse.CustomJvpReader.ReadRule;
import io.jgrad.processor.parse.RecordSignatureReader;
import io.jgrad.processor.transform.JvpsAsOneRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * The step that reads a function's {@code @CustomJvp} rules between their checks: a rule's signature
 * is checked before its body is read, and the body, once read, must be linear in the tangents, so
 * that reverse mode can transpose it. A function with an error gets no rule.
 */
final class JvpRuleReading {
  private JvpRuleReading() {}

  /** The function {@code f}'s rule or rules define, or empty after reporting why not. */
  static Optional<Function> read(ExecutableElement f, DiffSpec spec, Trees trees, Report report,
      CalleeResolver callees) {
    Callee sig = callees.resolve(f);
    if (spec.jvp().isEmpty() && !spec.jvps().isEmpty()) {
      return readPerParameter(f, spec, sig, trees, report, callees);
    }
    Optional<ExecutableElement> rule = RuleValidator.jvpRule(f, spec, sig, report);
    if (rule.isEmpty()) {
      return Optional.empty();
    }
    // A rule may pass its tangents to functions provably linear in them; higher orders differentiate
    // those calls as any other, through the callees' tangent functions.
    Optional<Function.JvpRule> read = linear(CustomJvpReader.read(sig, rule.get(), trees, report, callees), report,
        new ProvablyLinearCallees(trees, callees));
    if (read.isPresent() && spec.order() == 2) {
      PrimalCallChecker.check(read.get(), rule.get(), report);
    }
    return read.map(Function.class::cast);
  }

  /** {@code jvps}: each rule must be linear in its first parameter, the tangent. */
  private static Optional<Function> readPerParameter(ExecutableElement f, DiffSpec spec, Callee sig,
      Trees trees, Report report, CalleeResolver callees) {
    Optional<List<ExecutableElement>> rules = RuleValidator.jvpsRules(f, spec, sig, report);
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    int before = report.errorCount();
    LinearCallees linearCallees = new ProvablyLinearCallees(trees, callees);
    List<Function> bodies = new ArrayList<>();
    for (ExecutableElement rule : rules.get()) {
      if (rule == null) {
        bodies.add(null);
        continue;
      }
      BodyParser parser = new BodyParser(trees, report, callees, rule);
      VariableElement tangent = rule.getParameters().get(0);
      Callee.Param param = new Callee.Param(tangent.getSimpleName().toString(), TypeMapper.map(tangent.asType()),
          true);
      Optional<Function> read = BodyReading.read(parser);
      read.map(Function::body).ifPresent(body -> LinearityChecker.check(body, Activity.of(body, List.of(param)),
          parser.positions(), report, parser.unit(), rule, linearCallees));
      bodies.add(read.orElse(null));
    }
    if (report.errorCount() > before) {
      return Optional.empty();
    }
    // The function that calls the rules, one per differentiated parameter (null for zero).
    Function.JvpRule asOne = JvpsAsOneRule.of(sig, bodies, sig.differentiatedParams().stream()
        .map(p -> p.name() + "Dot").toList()); // fJvp's tangent parameters
    return Optional.of(new Function.JvpsRules(sig,
        rules.get().stream().map(r -> r == null ? null : r.getSimpleName().toString()).toList(), asOne));
  }

  /** The flat function of a {@code @CustomJvp} with records: the rule's body, read once, returning the record. */
  static Optional<Function> readRecord(ExecutableElement f, DiffSpec spec, RecordSignature sig,
      Trees trees, Report report, CalleeResolver callees) {
    return RuleValidator.recordJvpRule(f, spec, RecordSignatureReader.ruleView(f, sig), report)
        .flatMap(rule -> linear(CustomJvpReader.readRecord(sig, rule, trees, report, callees), report,
            LinearCallees.NONE))
        .map(Function.class::cast);
  }

  /**
   * The function the rule {@code read} defines, once its body is checked linear in the tangents; else
   * empty (a rule read is one whose reading reported no error); it may pass its tangents to
   * {@code callees}.
   */
  private static Optional<Function.JvpRule> linear(Optional<ReadRule> read, Report report, LinearCallees callees) {
    int before = report.errorCount();
    read.ifPresent(r -> LinearityChecker.check(r.function().body(), r.function().linear(), r.positions(), report,
        r.unit(), r.rule(), callees));
    return report.errorCount() > before ? Optional.empty() : read.map(ReadRule::function);
  }
}

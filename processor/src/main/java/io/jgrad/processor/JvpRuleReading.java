package io.jgrad.processor;

import com.sun.source.util.Trees;
import io.jgrad.processor.check.LinearityChecker;
import io.jgrad.processor.check.PrimalCallChecker;
import io.jgrad.processor.check.RuleValidator;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.parse.BodyParser;
import io.jgrad.processor.parse.CalleeResolver;
import io.jgrad.processor.parse.CustomJvpReader;
import io.jgrad.processor.parse.ReadRule;
import io.jgrad.processor.parse.RecordRuleReader;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

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
    int before = report.errorCount();
    Optional<ReadRule> read = CustomJvpReader.read(sig, rule.get(), trees, report, callees);
    read.ifPresent(r -> checkLinear(r, report));
    if (read.isEmpty() || report.errorCount() > before) {
      return Optional.empty();
    }
    if (spec.order() == 2) {
      PrimalCallChecker.check(read.get().function(), rule.get(), report);
    }
    return Optional.of(read.get().function());
  }

  /** {@code jvps}: each rule must be linear in its first parameter, the tangent. */
  private static Optional<Function> readPerParameter(ExecutableElement f, DiffSpec spec, Callee sig,
      Trees trees, Report report, CalleeResolver callees) {
    Optional<List<ExecutableElement>> rules = RuleValidator.jvpsRules(f, spec, sig, report);
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    int before = report.errorCount();
    for (ExecutableElement rule : rules.get()) {
      if (rule == null) {
        continue;
      }
      BodyParser parser = new BodyParser(trees, report, callees, rule);
      Optional<Function> parsed = BodyReading.read(parser);
      if (parsed.isEmpty()) {
        continue;
      }
      List<Stmt> body = parsed.get().body();
      LinearityChecker.check(body, CustomJvpReader.tangentLocals(rule, body), parser.positions(), report,
          parser.unit(), rule);
    }
    if (report.errorCount() > before) {
      return Optional.empty();
    }
    return Optional.of(CustomJvpReader.perParameter(sig, rules.get()));
  }

  /** The flat function of a {@code @CustomJvp} with records: the rule's body, read once, returning the record. */
  static Optional<Function> readRecord(ExecutableElement f, DiffSpec spec, RecordSignature sig,
      Trees trees, Report report, CalleeResolver callees) {
    Optional<ExecutableElement> rule = RuleValidator.recordJvpRule(f, spec, RecordRuleReader.ruleView(sig), report);
    if (rule.isEmpty()) {
      return Optional.empty();
    }
    int before = report.errorCount();
    Optional<ReadRule> read = RecordRuleReader.readJvp(sig, rule.get(), trees, report, callees);
    read.ifPresent(r -> checkLinear(r, report));
    return report.errorCount() > before ? Optional.empty() : read.map(ReadRule::function);
  }

  private static void checkLinear(ReadRule read, Report report) {
    LinearityChecker.check(read.function().body(), read.function().linear(), read.positions(), report,
        read.unit(), read.rule());
  }
}

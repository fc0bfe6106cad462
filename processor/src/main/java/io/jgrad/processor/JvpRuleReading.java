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
import java.util.ArrayList;
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
    if (read.isEmpty()) {
      return Optional.empty();
    }
    checkLinear(read.get(), report);
    if (report.errorCount() > before) {
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
    return Optional.of(CustomJvpReader.perParameter(f, sig, rules.get()));
  }

  /** The flat functions of a {@code @CustomJvp} with records, each with its leaf of the rule's body. */
  static Optional<List<Function>> readRecord(ExecutableElement f, DiffSpec spec, RecordSignature sig,
      Trees trees, Report report, CalleeResolver callees) {
    Optional<ExecutableElement> rule = RuleValidator.recordJvpRule(f, spec, RecordRuleReader.ruleView(sig), report);
    if (rule.isEmpty()) {
      return Optional.empty();
    }
    int before = report.errorCount();
    List<Function> out = new ArrayList<>();
    for (int i = 0; i < sig.flat().size(); i++) {
      // Each leaf is a parse of its own; only the first reports, the others would repeat it.
      Optional<ReadRule> leaf = RecordRuleReader.readJvp(sig, rule.get(), i, trees, i == 0 ? report : new Report(),
          callees);
      if (leaf.isEmpty()) {
        return Optional.empty();
      }
      // Every leaf's tangent must be linear; the same finding at the same expression is reported once.
      checkLinear(leaf.get(), report);
      out.add(leaf.get().function());
    }
    return report.errorCount() > before ? Optional.empty() : Optional.of(out);
  }

  private static void checkLinear(ReadRule read, Report report) {
    LinearityChecker.check(read.function().body(), read.function().linear(), read.positions(), report,
        read.unit(), read.rule());
  }
}

package io.jgrad.processor.parse;

import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.TypeMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * Reads the rules of a {@code @CustomJvp} function: a {@code jvp} rule's body, with the primal
 * parameters named as the function names them, or the {@code jvps} rules it calls. The processor's
 * entry finds and checks the rules before this reads them, and checks linearity after.
 */
public final class CustomJvpReader {
  private CustomJvpReader() {}

  /** The function {@code rule}'s body defines for {@code sig}, or empty after reporting what is not read. */
  public static Optional<ReadRule> read(Callee sig, ExecutableElement rule, Trees trees, Report report,
      CalleeResolver callees) {
    List<String> primalNames = sig.params().stream().map(Callee.Param::name).toList();
    List<Callee.Param> tangentParams = new ArrayList<>();
    int k = primalNames.size();
    for (Callee.Param p : sig.params()) {
      if (p.differentiated()) {
        tangentParams.add(new Callee.Param(rule.getParameters().get(k++).getSimpleName().toString(), p.type(), true));
      }
    }
    return read(sig, primalNames, tangentParams, rule, trees, report, callees);
  }

  /**
   * The function {@code sig} that {@code rule}'s body defines, its primal parameters named
   * {@code primalNames} and its tangents {@code tangentParams} (a record's read leaf by leaf), or empty
   * after reporting what is not read.
   */
  static Optional<ReadRule> read(Callee sig, List<String> primalNames, List<Callee.Param> tangentParams,
      ExecutableElement rule, Trees trees, Report report, CalleeResolver callees) {
    BodyParser parser = new BodyParser(trees, report, callees, rule, primalNames, true);
    Optional<Function> parsed = parser.parse();
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Set<String> linear = Activity.of(parsed.get().body(), tangentParams);
    return Optional.of(new ReadRule(new Function.JvpRule(sig, parsed.get().body(), rule.getSimpleName().toString(),
        tangentParams.stream().map(Callee.Param::name).toList(), linear),
        parser.positions(), parser.unit(), rule));
  }

  /** The locals of a {@code jvps} rule's body that depend on its tangent, its first parameter. */
  public static Set<String> tangentLocals(ExecutableElement rule, List<Stmt> body) {
    var tangent = rule.getParameters().get(0);
    Callee.Param param = new Callee.Param(tangent.getSimpleName().toString(),
        TypeMapper.map(tangent.asType()), true);
    return Activity.of(body, List.of(param));
  }

  /** The function that calls {@code rules}, one per differentiated parameter (null for zero). */
  public static Function.JvpsRules perParameter(Callee sig, List<ExecutableElement> rules) {
    List<String> names = new ArrayList<>();
    for (ExecutableElement rule : rules) {
      names.add(rule == null ? null : rule.getSimpleName().toString());
    }
    return new Function.JvpsRules(sig, names);
  }
}

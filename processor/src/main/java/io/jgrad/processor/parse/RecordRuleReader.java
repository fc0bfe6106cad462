package io.jgrad.processor.parse;

import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The custom rules of a function with records in its signature (the notebook's "Working with
 * containers"): the rule's signature is checked (by the processor's entry) with record types, and a
 * {@code @CustomJvp} rule's body is read once per leaf of the result, record parameters and tangents
 * scalarized, so that each flat function transposes its own leaf's linear part.
 */
public final class RecordRuleReader {
  private RecordRuleReader() {}

  /**
   * The signature the rule checks see: a record parameter is one value, differentiated when it has a
   * differentiable leaf; its type in messages and comparisons is the record's own.
   */
  public static Callee ruleView(RecordSignature sig) {
    List<Callee.Param> params = new ArrayList<>();
    for (RecordSignature.UserParam p : sig.params()) {
      params.add(p.shape() == null ? p.param() : new Callee.Param(p.name(), Type.OBJECT, p.differentiated()));
    }
    return new Callee(sig.owner(), sig.derivatives(), sig.name(), List.copyOf(params), sig.scalarResult(),
        sig.forward(), 1);
  }

  /** How {@code bwd} spells the gradient: the record of the one differentiated parameter, else {@code FGrad}. */
  public static String gradTypeName(ExecutableElement f, RecordSignature sig) {
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    if (diff.size() == 1) {
      int i = sig.params().indexOf(diff.get(0));
      return f.getParameters().get(i).asType().toString();
    }
    return Character.toUpperCase(sig.name().charAt(0)) + sig.name().substring(1) + "Grad";
  }

  /** The flat functions of a {@code @CustomVjp} with records, whose rules were checked with {@link #ruleView}. */
  public static List<Function> readVjp(ExecutableElement f, DiffSpec spec, RecordSignature sig) {
    String owner = ((TypeElement) f.getEnclosingElement()).getQualifiedName().toString();
    List<Function> out = new ArrayList<>();
    for (Callee flat : sig.flat()) {
      out.add(new Function.VjpRule(flat, owner, spec.fwd(), spec.bwd()));
    }
    return out;
  }

  /**
   * Flat function {@code i} of a {@code @CustomJvp} with records: its leaf of the body of {@code rule},
   * record parameters and tangents scalarized; empty after reporting what is not read.
   */
  public static Optional<ReadRule> readJvp(RecordSignature sig, ExecutableElement rule, int i, Trees trees,
      Report report, CalleeResolver callees) {
    List<String> primalNames = sig.params().stream().map(RecordSignature.UserParam::name).toList();
    List<String> tangentNames = new ArrayList<>();
    List<Callee.Param> tangentParams = new ArrayList<>();
    int k = primalNames.size();
    for (RecordSignature.UserParam p : sig.params()) {
      if (!p.differentiated()) {
        continue;
      }
      String t = rule.getParameters().get(k++).getSimpleName().toString();
      if (p.shape() == null) {
        tangentNames.add(t);
        tangentParams.add(new Callee.Param(t, p.param().type(), true));
        continue;
      }
      for (RecordShape.Leaf leaf : p.shape().leaves()) {
        if (leaf.differentiable()) {
          tangentNames.add(t + "_" + leaf.suffix());
          tangentParams.add(new Callee.Param(t + "_" + leaf.suffix(), leaf.type(), true));
        }
      }
    }
    String owner = ((TypeElement) rule.getEnclosingElement()).getQualifiedName().toString();
    int leaf = sig.result() == null ? 0 : sig.leafOf(i);
    BodyParser parser = new BodyParser(trees, report, callees, rule, primalNames, leaf);
    Optional<Function> parsed = parser.parse();
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Set<String> linear = Activity.of(parsed.get().body(), tangentParams);
    return Optional.of(new ReadRule(new Function.JvpRule(sig.flat().get(i), parsed.get().body(), owner,
        rule.getSimpleName().toString(), List.copyOf(tangentNames), linear), parser.positions(), parser.unit(), rule));
  }
}

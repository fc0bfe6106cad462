package io.jgrad.processor.parse;

import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/**
 * The custom rules of a function with records in its signature (the notebook's "Working with
 * containers"): the rule's signature is checked (by the processor's entry) with record types, and a
 * {@code @CustomJvp} rule's body is read once, record parameters and tangents scalarized, into the
 * flat function returning the whole record, whose linear part is transposed once for every leaf.
 */
public final class RecordRuleReader {
  private RecordRuleReader() {}

  /**
   * The signature the rule checks see: a record parameter is one value, differentiated when it has a
   * differentiable leaf; its type in messages and comparisons is the record's own.
   */
  public static Callee ruleView(RecordSignature sig) {
    List<Callee.Param> params = sig.params().stream()
        .map(p -> p.shape() == null ? p.param() : new Callee.Param(p.name(), Type.OBJECT, p.differentiated())).toList();
    Callee flat = sig.flat();
    // A record result has no IR type (null); a plain one is the flat function's.
    return new Callee(flat.ownerQualifiedName(), flat.derivativesQualifiedName(), sig.name(), List.copyOf(params),
        sig.result() == null ? flat.returnType() : null, flat.forward(), 1);
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

  /**
   * The flat function of a {@code @CustomJvp} with records: the body of {@code rule} read once, record
   * parameters and tangents scalarized, returning the whole record and its tangent; empty after
   * reporting what is not read.
   */
  public static Optional<CustomJvpReader.ReadRule> readJvp(RecordSignature sig, ExecutableElement rule, Trees trees,
      Report report, CalleeResolver callees) {
    List<String> primalNames = sig.params().stream().map(RecordSignature.UserParam::name).toList();
    List<Callee.Param> tangentParams = new ArrayList<>();
    int k = primalNames.size();
    for (RecordSignature.UserParam p : sig.differentiatedParams()) {
      String t = rule.getParameters().get(k++).getSimpleName().toString();
      if (p.shape() == null) {
        tangentParams.add(new Callee.Param(t, p.param().type(), true));
        continue;
      }
      for (RecordShape.Leaf leaf : p.shape().leaves()) {
        if (leaf.differentiable()) {
          tangentParams.add(new Callee.Param(t + "_" + leaf.suffix(), leaf.type(), true));
        }
      }
    }
    return CustomJvpReader.read(sig.flat(), primalNames, tangentParams, rule, trees, report, callees);
  }
}

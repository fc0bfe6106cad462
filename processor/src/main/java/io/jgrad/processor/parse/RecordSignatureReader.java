package io.jgrad.processor.parse;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature.UserParam;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads the {@link RecordSignature} of a method with records in its signature from its element:
 * which parameters are records, which of them are differentiated ({@code wrt}, {@code @NonDiff}),
 * and the flat function it becomes; and how the checks of its custom rules see it (the notebook's
 * "Working with containers": a rule's signature is checked with record types).
 */
public final class RecordSignatureReader {
  private RecordSignatureReader() {}

  /** Whether a parameter or the result of {@code method} is a record. */
  public static boolean involvesRecords(ExecutableElement method) {
    return RecordShape.isRecord(method.getReturnType())
        || method.getParameters().stream().anyMatch(p -> RecordShape.isRecord(p.asType()));
  }

  /** The scalarized signature of {@code method}; its record types must have shapes (validated before). */
  public static RecordSignature read(ExecutableElement method, CalleeResolver resolver) {
    Callee base = resolver.resolve(method);
    List<UserParam> params = new ArrayList<>();
    List<Callee.Param> flat = new ArrayList<>();
    for (int i = 0; i < method.getParameters().size(); i++) {
      VariableElement p = method.getParameters().get(i);
      Callee.Param plain = base.params().get(i);
      RecordShape shape = RecordShape.of(p.asType());
      UserParam up = shape == null ? new UserParam(plain.name(), null, plain, plain.differentiated())
          : new UserParam(plain.name(), shape, null, shape.differentiable() && CalleeResolver.selected(method, p));
      params.add(up);
      flat.addAll(up.flat());
    }
    RecordShape result = RecordShape.of(method.getReturnType());
    // The flat function has the method's order: its derivatives are generated to it.
    Callee flatFunction = new Callee(base.ownerQualifiedName(), base.derivativesQualifiedName(),
        method.getSimpleName() + "_flat", List.copyOf(flat), result == null ? base.returnType() : Type.OBJECT,
        base.forward(), base.order(), null, false, result == null ? null : new Callee.RecordResult(result, -1, -1),
        0);
    return new RecordSignature(method.getSimpleName().toString(), List.copyOf(params), result, flatFunction);
  }

  /**
   * The signature the rule checks see: a record parameter of {@code method} is one value,
   * differentiated when it has a differentiable leaf; its type in messages and comparisons is the
   * record's own, as {@code method} spells it (its {@code javaType}).
   */
  public static Callee ruleView(ExecutableElement method, RecordSignature sig) {
    List<Callee.Param> params = new ArrayList<>();
    for (int i = 0; i < sig.params().size(); i++) {
      UserParam p = sig.params().get(i);
      params.add(p.shape() == null ? p.param() : new Callee.Param(p.name(), Type.OBJECT, p.differentiated(),
          method.getParameters().get(i).asType().toString(), false));
    }
    Callee flat = sig.flat();
    // A record result has no IR type (null); a plain one is the flat function's.
    return new Callee(flat.ownerQualifiedName(), flat.derivativesQualifiedName(), sig.name(), List.copyOf(params),
        sig.result() == null ? flat.returnType() : null, flat.forward(), 1);
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.VjpPasses;
import java.util.ArrayList;
import java.util.List;

/**
 * The pullback functions of a {@code @CustomVjp} rule with records in its signature, over the flat
 * function's leaves: one per differentiated leaf, its rule's passes read leaf by leaf, so that
 * reverse over reverse differentiates them as it does a rule over numbers (JAX's {@code hessian} of a
 * {@code custom_vjp} function of a pytree).
 */
public final class RecordRulePullbacks {
  private RecordRulePullbacks() {}

  /**
   * Whether the rule's passes are read as code: from order 2, over double leaves, for a double result
   * or a record of doubles (what else reverse over reverse cannot take is refused by the order limits).
   */
  public static boolean applies(DiffSpec spec, RecordSignature sig) {
    return spec.order() >= 2 && sig.flat().differentiatedParams().stream().allMatch(p -> p.type() == Type.DOUBLE)
        && (sig.result() == null ? sig.flat().returnType() == Type.DOUBLE
            : sig.result().leaves().stream().allMatch(l -> l.type() == Type.DOUBLE));
  }

  /** The pullback functions of {@code sig}'s flat function, from its rule's passes read leaf by leaf. */
  public static List<Function> of(RecordSignature sig, VjpPasses passes) {
    List<Expr.Var> nondiff = new ArrayList<>();
    sig.params().stream().filter(p -> !p.differentiated())
        .forEach(p -> p.flat().forEach(q -> nondiff.add(new Expr.Var(q.name(), q.type()))));
    return Pullbacks.of(sig.flat(), passes, nondiff);
  }
}

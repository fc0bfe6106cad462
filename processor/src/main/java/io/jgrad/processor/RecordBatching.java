package io.jgrad.processor;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Type;
import java.util.Map;
import java.util.Optional;

/**
 * {@code @Batched} on a function with record parameters: its kernels are its flat function's, each
 * record given per lane as one array per leaf ({@code p_x}, {@code p_y}: JAX's {@code vmap} over a
 * pytree batches each leaf), named after the function the user wrote.
 */
final class RecordBatching {
  private RecordBatching() {}

  /**
   * Why the function {@code f} (flat, of {@code records}) cannot be batched, or empty; {@code reverseOnly}
   * is its path to a {@code @CustomVjp} rule, {@code arrayUsers} the paths of functions kernels cannot
   * inline.
   */
  static Optional<String> refusal(Function f, RecordSignature records, String reverseOnly,
      Map<String, String> arrayUsers) {
    String name = RecordSignature.userName(f.signature().name());
    if (records.result() != null) {
      for (RecordShape.Leaf leaf : records.result().leaves()) {
        // A kernel stores each leaf of the result into an array of primitives, one element per lane.
        if (!leaf.type().isScalar() && leaf.type() != Type.INT && leaf.type() != Type.LONG
            && leaf.type() != Type.BOOLEAN) {
          String shown = leaf.javaType() == null ? leaf.type().javaName()
              : leaf.javaType().substring(leaf.javaType().lastIndexOf('.') + 1);
          return Optional.of("a record result with the leaf " + leaf.suffix() + " of type " + shown + " cannot be"
              + " batched: a kernel stores each leaf in an array of primitives, one element per lane; hint: batch"
              + " a function whose result has only primitive leaves");
        }
      }
    }
    if (f instanceof Function.VjpRule && records.result() == null) {
      // Kernels read a record rule's fwd and bwd as code over the leaves (VjpPassReader.readRecord), where
      // the backward pass returns every leaf the flat function differentiates; a record result has no
      // gradient kernel, and its value kernel runs the body.
      Optional<String> unread = records.differentiatedParams().stream().filter(p -> p.shape() != null)
          .flatMap(p -> p.shape().leaves().stream().filter(l -> !l.differentiable() || l.type().isArray())
              .map(l -> l.read(p.name()))).findFirst();
      if (unread.isPresent()) {
        return Optional.of("a function with records and a @CustomVjp rule of its own cannot be batched yet where a"
            + " differentiated record has an array component or one without a tangent (" + unread.get() + ");"
            + " hint: pass that component as a parameter of its own");
      }
    }
    for (Callee callee : Calls.of(f)) {
      String path = arrayUsers.get(callee.key());
      // A rule that calls its own function (its primal) runs that function's flat body in the lane.
      if (path != null && !callee.key().equals(f.signature().key())) {
        return Optional.of("a function with an array result or records cannot be batched yet ("
            + name + " → " + path + " returns an array, or takes or returns a record)");
      }
    }
    return Optional.empty();
  }

  /** The flat function {@code f_flat} under the name the user knows, which its kernels take. */
  static Function asUserFunction(Function f) {
    Callee s = f.signature();
    Callee named = new Callee(s.ownerQualifiedName(), s.derivativesQualifiedName(),
        RecordSignature.userName(s.name()), s.params(), s.returnType(), s.forward(), s.order(), s.receiver(),
        s.rulePrimal(), s.recordResult(), s.tangentOrder());
    return f.rewritten(named, e -> e);
  }
}

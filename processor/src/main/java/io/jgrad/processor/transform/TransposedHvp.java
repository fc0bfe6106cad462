package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one-pass {@code fHvp} of an order-2 function of arrays that reaches a custom rule: with the
 * rule's tangent T differentiated as written, H = ∂T/∂x need not be symmetric, and JAX's
 * {@code jvp(grad(f))} is H·v, whose entry i is D²f[eᵢ, v] (eᵢ the inner direction). Tangent function
 * 2, D²f[u, v], is linear in u, so H·v is its gradient with respect to u alone: reverse mode over
 * the second-order program with the primals and the outer direction held constant, one pass.
 */
final class TransposedHvp {
  private TransposedHvp() {}

  /**
   * Tangent function 2 of {@code sig}, the tangent program of its second-order kernel
   * ({@code second}, its tangents {@code tangentNames}: the inner direction's, then the outer one's),
   * differentiated in the inner direction only; null where the part of the kernel that its tangent
   * needs calls a function (the callee's second tangent would need a reverse mode in its own
   * tangents, not built; the rule's value, a call of its function, is not needed) or a local holds a
   * tangent parameter's name.
   */
  static Derived derive(Callee sig, Derived.Forward second, List<String> tangentNames) {
    List<Linear> live = DeadCode.eliminate(second.linearized().program(), false, Set.of());
    boolean[] calls = {false};
    Rewrite.forEachLinear(live, l -> calls[0] |= l instanceof Linear.Call);
    if (calls[0]) {
      return null;
    }
    Callee all = sig.tangentFunction(2);
    int primals = sig.params().size();
    int inner = sig.differentiatedParams().size();
    List<Callee.Param> params = new ArrayList<>();
    for (int i = 0; i < all.params().size(); i++) {
      Callee.Param p = all.params().get(i);
      params.add(new Callee.Param(p.name(), p.type(), i >= primals && i < primals + inner, p.javaType(),
          p.heldConstant()));
    }
    Callee transposed = all.withParams(params);
    List<Stmt> body = Derivation.renamedTangents(sig, transposed, SecondOrder.tangentBody(live), tangentNames);
    return body == null ? null : Derivation.internal(new Function.Plain(transposed, body), false);
  }
}

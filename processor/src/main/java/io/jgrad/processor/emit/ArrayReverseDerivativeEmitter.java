package io.jgrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fDerivative} of a function of arrays (and doubles) of order n ≥ 3 that reaches a
 * {@code @CustomVjp} rule: directional, never an n-index tensor. Pullback function a₁ at the cotangent
 * 1 is ∂f/∂a₁; its pullback function a₂ at the cotangent v₁ (direction 1's a₁ component) is
 * ∂(D f[v₁])/∂a₂, and so on down to level n - 1, whose reverse mode at the cotangent vₙ₋₁ gives the
 * gradient of Dⁿ⁻¹f[v₁, ..., vₙ₋₁], read along vₙ: one reverse pass per tuple of differentiated
 * parameters (direction 1 the innermost derivative, the rule's own, as for functions of numbers).
 */
final class ArrayReverseDerivativeEmitter {
  private ArrayReverseDerivativeEmitter() {}

  /** Adds {@code fDerivative(p..., v1..., ..., vn...)} of {@code d}'s function to {@code type}. */
  static void emit(Derived d, TypeSpec.Builder type) {
    Callee sig = d.signature();
    int n = d.order();
    List<Callee.Param> diff = sig.differentiatedParams();
    Names names = Names.of(sig.paramNames(), List.of());
    List<List<String>> directions = HigherOrderEmitter.directions(sig, n, names);
    MethodSpec.Builder m = ReverseDerivativeEmitter.entryPoint(d, directions,
        ", one reverse pass per " + (n == 3 ? "pair of" : "tuple of " + (n - 1)) + " parameters");
    directions.forEach(group -> ArrayHessianEmitter.checkDirections(m, diff, group));
    String sum = names.fresh("derivative");
    m.addStatement("double $L = 0.0", sum);
    List<String> last = directions.get(n - 1);
    for (List<Integer> tuple : ReverseDerivativeEmitter.tuples(diff.size(), n - 1)) {
      Derived pullback = d;
      List<String> args = new ArrayList<>(sig.paramNames());
      args.add("1.0");
      for (int level = 0; level < n - 1; level++) {
        pullback = pullback.pullbacks().get(tuple.get(level));
        if (level < n - 2) {
          // Level k + 2's cotangent is direction k + 1's component along the parameter of level k + 1.
          args.add(directions.get(level).get(tuple.get(level)));
        }
      }
      Callee p = pullback.signature();
      String grad = names.fresh("grad" + String.join("", tuple.stream()
          .map(i -> Names.capitalized(diff.get(i).name())).toList()));
      m.addStatement("var $L = $T.$LVjp($L).pullback($L)", grad, RuntimeTypes.home(p), p.name(),
          String.join(", ", args), directions.get(n - 2).get(tuple.get(n - 2)));
      List<CodeBlock> terms = new ArrayList<>();
      for (int k = 0; k < diff.size(); k++) {
        terms.add(diff.get(k).type().isArray()
            ? CodeBlock.of("$T.dot($L.$L(), $L)", RuntimeTypes.ACCUMULATE, grad, diff.get(k).name(), last.get(k))
            : CodeBlock.of("$L.$L() * $L", grad, diff.get(k).name(), last.get(k)));
      }
      m.addStatement("$L += $L", sum, CodeBlock.join(terms, " +$W"));
    }
    m.addStatement("return $L", sum);
    type.addMethod(m.build());
  }
}

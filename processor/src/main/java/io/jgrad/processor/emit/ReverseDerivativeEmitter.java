package io.jgrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code fDerivative} of a function of order n ≥ 3 with reverse mode only: the n-th directional
 * derivative read from the gradients of its pullback functions of level n - 1 (pullback functions of
 * pullback functions, each cotangent 1), as {@code jacrev} applied n times and contracted with the
 * directions.
 */
final class ReverseDerivativeEmitter {
  private ReverseDerivativeEmitter() {}

  /**
   * {@code fDerivative(p..., v1..., ..., vn...)} = Σ v1ᵢ₁···vₙ₋₁ᵢₙ₋₁ Σₖ vₙₖ ∂ₖ∂ᵢₙ₋₁···∂ᵢ₁f: direction 1 is
   * the innermost derivative (the rule's own, where {@code f} has a {@code @CustomVjp} rule), direction
   * n the outermost, as {@code fHessian[i][j]} differentiates along j the derivative along i.
   */
  static void emit(Derived d, TypeSpec.Builder type) {
    Callee sig = d.signature();
    Names names = Names.of(sig.paramNames(), List.of());
    List<List<String>> directions = HigherOrderEmitter.directions(sig, d.order(), names);
    MethodSpec.Builder m = entryPoint(d, directions, "");
    m.addStatement("return $L", sum(d, m, names, sig.paramNames(), directions));
    type.addMethod(m.build());
  }

  /**
   * The entry point {@code fDerivative(p..., v1..., ..., vn...)} of {@code d}, a double, with its
   * directions' parameters; {@code passes} ends the first sentence of its Javadoc.
   */
  static MethodSpec.Builder entryPoint(Derived d, List<List<String>> directions, String passes) {
    Callee sig = d.signature();
    int n = d.order();
    MethodSpec.Builder m = DerivativesEmitter.entryPoint(sig.name() + "Derivative", sig,
        "The derivative of order $L of {@code $L} along directions 1 to $L, each with one component per"
            + " differentiated parameter: reverse over reverse, direction 1 the innermost derivative$L.\n",
            n, sig.name(), n, passes)
        .returns(TypeName.DOUBLE);
    directions.forEach(group -> SecondOrderEmitter.addTangents(m, sig.differentiatedParams(), group));
    return m;
  }

  /**
   * Adds to {@code m} the local summing Dⁿf[v₁, ..., vₙ] over the gradients of {@code d}'s pullback
   * functions of level n - 1 at {@code primals} and the cotangents 1, {@code directions} holding one
   * argument per differentiated parameter of {@code d} and order; returns the local's name.
   */
  static String sum(Derived d, MethodSpec.Builder m, Names names, List<String> primals,
      List<List<String>> directions) {
    int n = d.order();
    List<Callee.Param> diff = d.signature().differentiatedParams();
    String sum = names.fresh("derivative");
    m.addStatement("double $L = 0.0", sum);
    String ones = String.join(", ", Collections.nCopies(n - 1, "1.0"));
    String args = String.join(", ", primals) + ", " + ones;
    List<String> last = directions.get(n - 1);
    for (List<Integer> tuple : tuples(diff.size(), n - 1)) {
      Derived pullback = d;
      for (int i : tuple) {
        pullback = pullback.pullbacks().get(i);
      }
      Callee p = pullback.signature();
      // Named by the parameters along which it differentiated: gradXY is the gradient of ∂y∂x f.
      String grad = names.fresh("grad" + String.join("", tuple.stream()
          .map(i -> Names.capitalized(diff.get(i).name())).toList()));
      m.addStatement("var $L = $T.$LGrad($L)", grad, RuntimeTypes.home(p), p.name(), args);
      CodeBlock.Builder term = CodeBlock.builder();
      for (int level = 0; level < n - 1; level++) {
        term.add("$L *$W", directions.get(level).get(tuple.get(level)));
      }
      term.add("(");
      for (int k = 0; k < diff.size(); k++) {
        term.add(k == 0 ? "$L.$L() * $L" : " +$W$L.$L() * $L", grad, diff.get(k).name(), last.get(k));
      }
      term.add(")");
      m.addStatement("$L += $L", sum, term.build());
    }
    return sum;
  }

  /** Every tuple of {@code length} indices below {@code k}, the last index varying fastest. */
  static List<List<Integer>> tuples(int k, int length) {
    List<List<Integer>> out = new ArrayList<>(List.of(List.of()));
    for (int level = 0; level < length; level++) {
      List<List<Integer>> longer = new ArrayList<>();
      for (List<Integer> t : out) {
        for (int i = 0; i < k; i++) {
          List<Integer> next = new ArrayList<>(t);
          next.add(i);
          longer.add(List.copyOf(next));
        }
      }
      out = longer;
    }
    return out;
  }
}

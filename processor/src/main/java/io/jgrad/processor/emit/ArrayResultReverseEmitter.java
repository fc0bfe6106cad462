package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fDerivative} of a {@code @CustomVjp} rule with a {@code double[]} result at order 2, reverse
 * over reverse: component k of D²f[u, w] is Σᵢ uᵢ·(∇ₚ fPullbackI(p, eₖ))·w, the gradients of its
 * pullback functions at the cotangent eₖ (for an array parameter i, the pullback of uᵢ through its
 * pullback function's reverse mode) ({@code bwd} differentiated as written, so no symmetry is
 * assumed), direction 1 the inner derivative (the rule's own), as {@code jacrev(jacrev(f))}.
 */
final class ArrayResultReverseEmitter {
  private ArrayResultReverseEmitter() {}

  /** Adds {@code fDerivative} of {@code sig} to {@code type}, from its pullback functions {@code pullbacks}. */
  static void emit(Callee sig, List<Callee> pullbacks, TypeSpec.Builder type) {
    List<Callee.Param> diff = sig.differentiatedParams();
    Names names = Names.of(sig.paramNames(), List.of());
    List<List<String>> directions = HigherOrderEmitter.directions(sig, 2, names);
    String args = String.join(", ", sig.paramNames());
    String m = names.fresh("m");
    String k = names.fresh("k");
    String e = names.fresh("e");
    String out = names.fresh("derivative");
    MethodSpec.Builder method = DerivativesEmitter.entryPoint(sig.name() + "Derivative", sig,
        "The derivative of order 2 of {@code $L} along directions 1 and 2: component k is that of\n"
            + "result component k, from the gradients of its pullback functions at the cotangent eₖ\n"
            + "(reverse over reverse, direction 1 the inner derivative).\n", sig.name())
        .returns(TypeName.get(double[].class));
    directions.forEach(group -> SecondOrderEmitter.addTangents(method, diff, group));
    directions.forEach(group -> ArrayHessianEmitter.checkDirections(method, diff, group));
    method.addStatement("int $L = $T.$L($L).length", m, ClassName.bestGuess(sig.ownerQualifiedName()), sig.name(), args)
        .addStatement("double[] $L = new double[$L]", out, m)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", k, k, m, k)
        .addStatement("double[] $L = $T.unit($L, $L)", e, TangentLeaves.JACOBIANS, m, k);
    for (int i = 0; i < diff.size(); i++) {
      Callee p = pullbacks.get(i);
      String u = directions.get(0).get(i);
      String grad = names.fresh("grad" + Names.capitalized(diff.get(i).name()));
      List<CodeBlock> reads = new ArrayList<>();
      for (int j = 0; j < diff.size(); j++) {
        String w = directions.get(1).get(j);
        reads.add(diff.get(j).type().isArray()
            ? CodeBlock.of("$T.dot($L.$L(), $L)", RuntimeTypes.ACCUMULATE, grad, diff.get(j).name(), w)
            : CodeBlock.of("$L.$L() * $L", grad, diff.get(j).name(), w));
      }
      CodeBlock terms = CodeBlock.join(reads, " + ");
      if (diff.get(i).type().isArray()) {
        // An array's pullback function returns an array: its reverse mode pulls direction 1 back itself.
        method.addStatement("var $L = $T.$LVjp($L, $L).pullback($L)", grad, RuntimeTypes.home(p), p.name(), args, e,
            u);
        method.addStatement("$L[$L] += $L", out, k, terms);
      } else {
        method.addStatement("var $L = $T.$LGrad($L, $L)", grad, RuntimeTypes.home(p), p.name(), args, e);
        method.addStatement("$L[$L] += $L * ($L)", out, k, u, terms);
      }
    }
    method.endControlFlow().addStatement("return $L", out);
    type.addMethod(method.build());
  }
}

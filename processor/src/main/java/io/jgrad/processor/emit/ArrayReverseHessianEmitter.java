package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
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
 * Second derivatives of a function of arrays (and doubles) that reaches a {@code @CustomVjp} rule,
 * reverse over reverse: its pullback function {@code fPullback(x, g)} returns the gradient array (one
 * pullback function per differentiated parameter, each returning its component), and that function's
 * own reverse mode pulls a cotangent s back to Jᵀ·s, J the Jacobian of the gradient (JAX's
 * {@code jacrev(jacrev(f))}, whose row i is ∂(∇f)ᵢ/∂x).
 */
final class ArrayReverseHessianEmitter {
  private ArrayReverseHessianEmitter() {}

  /**
   * {@code fHvp} (the pullbacks of v) of {@code sig}, whose pullback functions are {@code pullbacks}
   * (one per differentiated parameter), and for one array parameter {@code fHessian} (row i the
   * pullback of eᵢ).
   */
  static void emit(Callee sig, List<Callee> pullbacks, TypeSpec.Builder type) {
    if (pullbacks.size() == 1) {
      type.addMethod(hessian(sig, pullbacks.get(0)));
    }
    type.addMethod(hvp(sig, pullbacks));
  }

  private static MethodSpec hessian(Callee sig, Callee pullback) {
    Callee.Param x = sig.differentiatedParams().get(0);
    Names names = Names.of(sig.paramNames(), List.of());
    String args = String.join(", ", sig.paramNames());
    ClassName home = RuntimeTypes.home(pullback);
    String vjp = names.fresh("gradientVjp");
    TypeName vjpType = StmtWriter.vjpType(pullback);
    MethodSpec.Builder hessian = DerivativesEmitter.entryPoint(sig.name() + "Hessian", sig,
        "The Hessian of {@code $L} as a dense matrix ({@code jacrev(jacrev(f))}), reverse over reverse\n"
            + "through its rule: entry [i][j] is ∂(∂f/∂$Lᵢ)/∂$Lⱼ, one pullback of the gradient per row.\n",
        sig.name(), x.name(), x.name())
        .returns(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)));
    String length = names.fresh("n");
    String hessianName = names.fresh("hessian");
    String row = names.fresh("row");
    hessian.addStatement("int $L = $T.length($L, $S)", length, RuntimeTypes.TANGENTS, x.name(), x.name());
    hessian.addStatement("$T $L = $T.$LVjp($L, 1.0)", vjpType, vjp, home, pullback.name(), args);
    hessian.addStatement("double[][] $L = new double[$L][]", hessianName, length);
    hessian.beginControlFlow("for (int $L = 0; $L < $L; $L++)", row, row, length, row);
    hessian.addStatement("$L[$L] = $L.pullback($L).$L()", hessianName, row, vjp,
        ArrayHessianEmitter.unit(x.type(), length, row), x.name());
    hessian.endControlFlow();
    return hessian.addStatement("return $L", hessianName).build();
  }

  /**
   * {@code fHvp}: the gradient of Σₖ ∇ₖf·vₖ, each term the pullback of vₖ through pullback function k
   * (one reverse pass per differentiated parameter), summed per parameter.
   */
  private static MethodSpec hvp(Callee sig, List<Callee> pullbacks) {
    List<Callee.Param> diff = sig.differentiatedParams();
    Names names = Names.of(sig.paramNames(), List.of());
    String args = String.join(", ", sig.paramNames());
    List<String> vs = SecondOrderEmitter.hvpDirections(diff, names);
    MethodSpec.Builder hvp = DerivativesEmitter.entryPoint(sig.name() + "Hvp", sig,
        "Jᵀ·v for J the Jacobian of the gradient of {@code $L}, in $L: the gradient of\n"
            + "∇f(x)·v, reverse over reverse through its rule ({@code grad(lambda x: vdot(grad(f)(x), v))});\n"
            + "H·v where the rule's second derivatives are symmetric.\n", sig.name(),
            diff.size() == 1 ? "one pass" : "one pass per parameter")
        .returns(diff.size() == 1 ? DerivativesEmitter.typeName(diff.get(0).type())
            : RuntimeTypes.derivatives(sig).nestedClass(sig.gradRecordName()));
    SecondOrderEmitter.addTangents(hvp, diff, vs);
    ArrayHessianEmitter.checkDirections(hvp, diff, vs);
    if (diff.size() == 1) {
      return hvp.addStatement("return $T.$LVjp($L, 1.0).pullback($L).$L()", RuntimeTypes.home(pullbacks.get(0)),
          pullbacks.get(0).name(), args, vs.get(0), diff.get(0).name()).build();
    }
    List<String> terms = new ArrayList<>();
    for (int k = 0; k < diff.size(); k++) {
      String term = names.fresh("along" + Names.capitalized(diff.get(k).name()));
      hvp.addStatement("var $L = $T.$LVjp($L, 1.0).pullback($L)", term, RuntimeTypes.home(pullbacks.get(k)),
          pullbacks.get(k).name(), args, vs.get(k));
      terms.add(term);
    }
    List<CodeBlock> components = new ArrayList<>();
    for (Callee.Param p : diff) {
      List<CodeBlock> reads = terms.stream().map(t -> CodeBlock.of("$L.$L()", t, p.name())).toList();
      components.add(p.type().isArray() ? CodeBlock.of("$T.sum($L)", RuntimeTypes.ACCUMULATE,
          CodeBlock.join(reads, ", ")) : CodeBlock.join(reads, " + "));
    }
    return hvp.addStatement("return new $L($L)", sig.gradRecordName(), CodeBlock.join(components, ",$W")).build();
  }
}

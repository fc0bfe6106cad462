package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Names;
import java.util.List;

/**
 * Second derivatives of a function of one {@code double[]} that reaches a {@code @CustomVjp} rule,
 * reverse over reverse: its pullback function {@code fPullback(x, g)} returns the gradient array, and
 * that function's own reverse mode pulls a cotangent array s back to Jᵀ·s, J the Jacobian of the
 * gradient (JAX's {@code jacrev(jacrev(f))}, whose row i is ∂(∇f)ᵢ/∂x).
 */
final class ArrayReverseHessianEmitter {
  private ArrayReverseHessianEmitter() {}

  /** {@code fHessian} (row i the pullback of eᵢ) and {@code fHvp} (the pullback of v) of {@code sig}. */
  static void emit(Callee sig, Callee pullback, TypeSpec.Builder type) {
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
    type.addMethod(hessian.addStatement("return $L", hessianName).build());

    String v = SecondOrderEmitter.hvpDirections(sig.differentiatedParams(), names).get(0);
    MethodSpec.Builder hvp = DerivativesEmitter.entryPoint(sig.name() + "Hvp", sig,
        "Jᵀ·v for J the Jacobian of the gradient of {@code $L}, in one pass: the gradient of\n"
            + "∇f(x)·v, reverse over reverse through its rule ({@code grad(lambda x: vdot(grad(f)(x), v))});\n"
            + "H·v where the rule's second derivatives are symmetric.\n", sig.name())
        .returns(DerivativesEmitter.typeName(x.type()));
    SecondOrderEmitter.addTangents(hvp, sig.differentiatedParams(), List.of(v));
    ArrayHessianEmitter.checkDirections(hvp, sig.differentiatedParams(), List.of(v));
    hvp.addStatement("return $T.$LVjp($L, 1.0).pullback($L).$L()", home, pullback.name(), args, v, x.name());
    type.addMethod(hvp.build());
  }
}

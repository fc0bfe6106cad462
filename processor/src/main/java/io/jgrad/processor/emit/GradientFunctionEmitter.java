package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Names;
import java.util.List;

/**
 * The gradient of an order-2 function of one {@code double[]} parameter as a function of its own
 * ({@code fGradient}, in {@code Internal}), with its forward mode ({@code fGradientJvp}) and reverse
 * mode ({@code fGradientVjp}): what a caller that reads {@code double[] g = fGrad(w)} is
 * differentiated through, as through any call of a function with an array result.
 *
 * <p>Its Jacobian is H with Hᵢⱼ = ∂(∇f)ᵢ/∂wⱼ, the gradient differentiated as written (JAX's
 * {@code jacfwd(grad(f))}): the JVP along v is {@code fHvp(w, v)} (JAX's {@code jvp(grad(f))}), the
 * VJP of a cotangent s is Hᵀ·s, the gradient with respect to w of s·∇f(w) = {@code fTangent(w, s)}.
 * Where a custom rule is reached H need not be symmetric, and neither is assumed to be the other.
 */
final class GradientFunctionEmitter {
  private GradientFunctionEmitter() {}

  /**
   * Adds the three methods to {@code internal}; {@code kernel} is {@code sig}'s second-order kernel,
   * {@code tangentReversed} says whether {@code fTangentGrad} exists (else the VJP takes one
   * forward-over-forward pass per element).
   */
  static void emit(Callee sig, String kernel, boolean tangentReversed, TypeSpec.Builder internal) {
    Callee gradient = sig.gradientFunction();
    Callee.Param w = sig.differentiatedParams().get(0);
    ClassName outer = RuntimeTypes.derivatives(sig);
    String args = String.join(", ", sig.paramNames());
    TypeName array = DerivativesEmitter.typeName(w.type());
    Names names = Names.of(sig.paramNames(), List.of());

    internal.addMethod(DerivativesEmitter.entryPoint(gradient.name(), sig,
            "The gradient of {@code $L} as a function of its own, for callers that differentiate\n"
                + "through {@code $LGrad}.\n", sig.name(), sig.name())
        .returns(array)
        .addStatement("return $T.$LGrad($L)", outer, sig.name(), args)
        .build());

    String direction = names.fresh(w.name() + "Dot");
    internal.addMethod(DerivativesEmitter.entryPoint(gradient.name() + "Jvp", sig,
            "Forward mode of {@code $L}: the gradient and H·$L ({@code $LHvp}).\n", gradient.name(),
            direction, sig.name())
        .addParameter(array, direction)
        .returns(ParameterizedTypeName.get(RuntimeTypes.JVP, array))
        .addStatement("return $T.of($T.$LGrad($L),$W$T.$LHvp($L, $L))", RuntimeTypes.JVP, outer, sig.name(), args,
            outer, sig.name(), args, direction)
        .build());

    String s = names.fresh("s");
    MethodSpec.Builder vjp = DerivativesEmitter.entryPoint(gradient.name() + "Vjp", sig,
        "Reverse mode of {@code $L}: a cotangent pulled back to Hᵀ times it, the gradient\n"
            + "of {@code $LTangent} with respect to {@code $L} along the cotangent"
            + (tangentReversed ? " (one pass).\n" : "\n(one forward-over-forward pass per element).\n"),
        gradient.name(), sig.name(), w.name())
        .returns(ParameterizedTypeName.get(RuntimeTypes.RECORD_VJP, array, array));
    if (tangentReversed) {
      Callee tangent = sig.tangentFunction();
      vjp.addStatement("return new $T<>($T.$LGrad($L),$W$L -> $T.$LGrad($L, $L).$L())", RuntimeTypes.RECORD_VJP, outer,
          sig.name(), args, s, RuntimeTypes.home(tangent), tangent.name(), args, s, w.name());
    } else {
      // Element j of Hᵀ·s is D(fTangent(w, s))[eⱼ], the kernel with s inner and eⱼ outer.
      String length = names.fresh("n");
      String out = names.fresh("out");
      String j = names.fresh("j");
      vjp.addCode("return new $T<>($T.$LGrad($L), $L -> {\n$>", RuntimeTypes.RECORD_VJP, outer, sig.name(), args, s)
          .addStatement("int $L = $L.length", length, w.name())
          .addStatement("$T $L = new double[$L]", array, out, length)
          .beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, length, j)
          .addStatement("$L[$L] = $T.$L($L, $L, $L).tangent()", out, j, outer, kernel, args, s,
              ArrayHessianEmitter.unit(w.type(), length, j))
          .endControlFlow()
          .addStatement("return $L", out)
          .addCode("$<});\n");
    }
    internal.addMethod(vjp.build());
  }
}

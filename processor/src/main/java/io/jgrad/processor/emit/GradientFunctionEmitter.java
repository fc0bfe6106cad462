package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The gradient of an order-2 function of arrays as a function of its own, in {@code Internal}:
 * {@code fGradient} for one differentiated {@code double[]} parameter, else one
 * {@code fGradientP} per differentiated parameter p (its component of the gradient), each with its
 * forward mode ({@code ...Jvp}) and reverse mode ({@code ...Vjp}): what a caller that reads
 * {@code double[] g = fGrad(w)} or {@code fGrad(w, b).w()} is differentiated through, as through any
 * call of a function with an array (or number) result.
 *
 * <p>Its Jacobian is H with Hᵢⱼ = ∂(∇f)ᵢ/∂wⱼ, the gradient differentiated as written (JAX's
 * {@code jacfwd(grad(f))}): the JVP along v is {@code fHvp(w, v)} (JAX's {@code jvp(grad(f))}), the
 * VJP of a cotangent s is Hᵀ·s, the gradient with respect to w of s·∇f(w) = {@code fTangent(w, s)}.
 * Where a custom rule is reached H need not be symmetric, and neither is assumed to be the other.
 */
final class GradientFunctionEmitter {
  private GradientFunctionEmitter() {}

  /**
   * Adds the methods to {@code internal}; {@code kernel} is {@code sig}'s second-order kernel,
   * {@code tangentReversed} says whether {@code fTangentGrad} exists (else the VJP takes one
   * forward-over-forward pass per element).
   */
  static void emit(Callee sig, String kernel, boolean tangentReversed, TypeSpec.Builder internal) {
    if (sig.hasSingleGradient()) {
      emitSingle(sig, kernel, tangentReversed, internal);
      return;
    }
    for (Callee.Param p : sig.differentiatedParams()) {
      emitComponent(sig, p, kernel, tangentReversed, internal);
    }
  }

  private static void emitSingle(Callee sig, String kernel, boolean tangentReversed, TypeSpec.Builder internal) {
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
          .addStatement("$T $L = new $L[$L]", array, out, w.type().element().javaName(), length)
          .beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, length, j)
          .addStatement("$L[$L] = $L$T.$L($L, $L, $L).tangent()", out, j,
              w.type() == Type.FLOAT_ARRAY ? "(float) " : "", outer, kernel, args, s,
              ArrayHessianEmitter.unit(w.type(), length, j))
          .endControlFlow()
          .addStatement("return $L", out)
          .addCode("$<});\n");
    }
    internal.addMethod(vjp.build());
  }

  /**
   * {@code fGradientP}, {@code fGradientPJvp} and {@code fGradientPVjp} for the differentiated
   * parameter {@code p} of a function of several, with the record of the VJP's gradient.
   */
  private static void emitComponent(Callee sig, Callee.Param p, String kernel, boolean tangentReversed,
      TypeSpec.Builder internal) {
    Callee gradient = sig.gradientFunction(p);
    List<Callee.Param> diff = sig.differentiatedParams();
    ClassName outer = RuntimeTypes.derivatives(sig);
    String args = String.join(", ", sig.paramNames());
    Names names = Names.of(sig.paramNames(), List.of());
    CodeBlock component = CodeBlock.of("$T.$LGrad($L).$L()", outer, sig.name(), args, p.name());

    internal.addMethod(DerivativesEmitter.entryPoint(gradient.name(), sig,
            "Component {@code $L} of the gradient of {@code $L} as a function of its own, for callers\n"
                + "that differentiate through {@code $LGrad}.\n", p.name(), sig.name(), sig.name())
        .returns(DerivativesEmitter.typeName(p.type()))
        .addStatement("return $L", component)
        .build());

    List<String> directions = diff.stream().map(d -> names.fresh(d.name() + "Dot")).toList();
    MethodSpec.Builder jvp = DerivativesEmitter.entryPoint(gradient.name() + "Jvp", sig,
        "Forward mode of {@code $L}: component {@code $L} of the gradient and of H·v\n({@code $LHvp}).\n",
        gradient.name(), p.name(), sig.name());
    SecondOrderEmitter.addTangents(jvp, diff, directions);
    TypeName jvpType = DerivativesEmitter.jvpType(gradient);
    internal.addMethod(jvp.returns(jvpType)
        .addStatement("return $T.of($L,$W$T.$LHvp($L, $L).$L())", jvpType instanceof ParameterizedTypeName pt
            ? pt.rawType() : jvpType, component, outer, sig.name(), args, String.join(", ", directions), p.name())
        .build());

    internal.addType(DerivativesEmitter.gradRecord(gradient.gradRecordName(), diff.stream()
            .map(d -> ParameterSpec.builder(DerivativesEmitter.typeName(d.type()), d.name()).build()).toList(),
        "The gradient of {@code $L}, one component per differentiated parameter of {@code $L}.\n",
        gradient.name(), sig.name()));
    String s = names.fresh("s");
    // The cotangent s goes along p, zero along the other parameters; a number's comes as a double.
    List<String> along = diff.stream().map(d -> d != p ? Terms.zeroLike(d.type(), d.name())
        : d.type() == Type.FLOAT ? "(float) " + s : s).toList();
    MethodSpec.Builder vjp = DerivativesEmitter.entryPoint(gradient.name() + "Vjp", sig,
        "Reverse mode of {@code $L}: a cotangent pulled back to Hᵀ times it,\n"
            + "the gradient of {@code $LTangent} along the cotangent in the direction\nof {@code $L}"
            + (tangentReversed ? " (one pass).\n" : "\n(one forward-over-forward pass per element).\n"),
        gradient.name(), sig.name(), p.name())
        .returns(StmtWriter.vjpType(gradient));
    vjp.addCode("return new $T<>($L, $L -> {\n$>", DerivativesEmitter.returnsObject(gradient) ? RuntimeTypes.RECORD_VJP
        : RuntimeTypes.VJP, component, s);
    List<String> outs = new ArrayList<>();
    if (tangentReversed) {
      Callee tangent = sig.tangentFunction();
      String t = names.fresh("t");
      vjp.addStatement("$T $L = $T.$LGrad($L, $L)", RuntimeTypes.home(tangent).nestedClass(tangent.gradRecordName()),
          t, RuntimeTypes.home(tangent), tangent.name(), args, String.join(", ", along));
      diff.forEach(d -> outs.add(t + "." + d.name() + "()"));
    } else {
      // Element j of Hᵀ·s is D(fTangent(p, s))[eⱼ], the kernel with s inner and eⱼ outer.
      String j = names.fresh("j");
      for (int k = 0; k < diff.size(); k++) {
        Callee.Param d = diff.get(k);
        String out = names.fresh("out" + Names.capitalized(d.name()));
        // A float component is narrowed from the kernel's double, as the generated gradient narrows it.
        String narrow = d.type() == Type.FLOAT || d.type() == Type.FLOAT_ARRAY ? "(float) " : "";
        if (d.type().isArray()) {
          vjp.addStatement("$T $L = new $L[$L.length]", DerivativesEmitter.typeName(d.type()), out,
                  d.type().element().javaName(), d.name())
              .beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", j, j, d.name(), j)
              .addStatement("$L[$L] = $L$T.$L($L, $L, $L).tangent()", out, j, narrow, outer, kernel, args,
                  String.join(", ", along), ArrayHessianEmitter.units(diff, k, j))
              .endControlFlow();
        } else {
          vjp.addStatement("$T $L = $L$T.$L($L, $L, $L).tangent()", DerivativesEmitter.typeName(d.type()), out,
              narrow, outer, kernel, args, String.join(", ", along), ArrayHessianEmitter.units(diff, k, null));
        }
        outs.add(out);
      }
    }
    vjp.addStatement("return new $L($L)", gradient.gradRecordName(), String.join(", ", outs))
        .addCode("$<});\n");
    internal.addMethod(vjp.build());
  }
}

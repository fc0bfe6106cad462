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
import java.util.List;

/**
 * H·v of an order-3 function of one {@code double[]} as a function of its own, in {@code Internal}:
 * {@code fHvpFunction(p, v)} with its forward mode ({@code ...Jvp}) and reverse mode ({@code ...Vjp}),
 * what a caller that reads {@code double[] hv = fHvp(w, v)} is differentiated through. Component i of
 * H·v is {@code fTangent2(p, eᵢ, v)} (v the outer direction, as {@code fHvp} has it), so both modes
 * differentiate {@code fTangent2} as written, one forward pass per element, and assume no symmetry
 * of the third derivatives where a custom rule is reached. The same function is the tangent of
 * {@code fGradient} ({@code fGradientTangent}), which callers of order 2 of the gradient go through.
 */
final class HvpFunctionEmitter {
  private HvpFunctionEmitter() {}

  /** Adds the methods and the VJP's gradient record to {@code internal}. */
  static void emit(Callee sig, TypeSpec.Builder internal) {
    Callee function = sig.hvpFunction();
    Callee second = sig.tangentFunction(2);
    Callee.Param x = sig.differentiatedParams().get(0);
    Callee.Param v = function.params().get(function.params().size() - 1);
    ClassName outer = RuntimeTypes.derivatives(sig);
    TypeName array = TypeName.get(double[].class);
    List<String> primals = sig.paramNames();
    String all = String.join(", ", function.paramNames());
    Names names = Names.of(function.paramNames(), List.of());
    String hvp = sig.name() + "Hvp(" + all + ")";

    internal.addMethod(DerivativesEmitter.entryPoint(function.name(), function,
            "H·$L of {@code $L} as a function of its own, for callers that differentiate through\n"
                + "{@code $LHvp}.\n", v.name(), sig.name(), sig.name())
        .returns(array)
        .addStatement("return $T.$L", outer, hvp)
        .build());

    String xDot = names.fresh(x.name() + "Dot");
    String vDot = names.fresh(v.name() + "Dot");
    String n = names.fresh("n");
    String zeros = names.fresh("zeros");
    String j = names.fresh("j");
    String tangent = names.fresh("tangent");
    CodeBlock unit = ArrayHessianEmitter.unit(Type.DOUBLE_ARRAY, n, j);
    internal.addMethod(DerivativesEmitter.entryPoint(function.name() + "Jvp", function,
            "Forward mode of {@code $L}: component j of the tangent is the derivative of\n"
                + "{@code $L($L, eⱼ, $L)} along ($L, $L), one forward pass per element.\n", function.name(),
            second.name(), x.name(), v.name(), xDot, vDot)
        .addParameter(array, xDot)
        .addParameter(array, vDot)
        .returns(ParameterizedTypeName.get(RuntimeTypes.JVP, array))
        .addStatement("int $L = $L.length", n, x.name())
        .addStatement("double[] $L = new double[$L]", zeros, n)
        .addStatement("double[] $L = new double[$L]", tangent, n)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, n, j)
        .addStatement("$L[$L] = $LJvp($L, $L, $L, $L, $L, $L).tangent()", tangent, j, second.name(),
            String.join(", ", primals), unit, v.name(), xDot, zeros, vDot)
        .endControlFlow()
        .addStatement("return $T.of($T.$L, $L)", RuntimeTypes.JVP, outer, hvp, tangent)
        .build());

    internal.addType(DerivativesEmitter.gradRecord(function.gradRecordName(), List.of(
            ParameterSpec.builder(array, x.name()).build(), ParameterSpec.builder(array, v.name()).build()),
        "The gradient of {@code $L}: along {@code $L} and along {@code $L}.\n", function.name(), x.name(),
        v.name()));
    String s = names.fresh("s");
    String outX = names.fresh("out" + Names.capitalized(x.name()));
    String outV = names.fresh("out" + Names.capitalized(v.name()));
    internal.addMethod(DerivativesEmitter.entryPoint(function.name() + "Vjp", function,
            "Reverse mode of {@code $L}:\ns·H·$L is {@code $L($L, s, $L)}, whose derivatives along each element\n"
                + "of $L (its forward mode) and of $L give the gradient, one pass per element.\n",
            function.name(), v.name(), second.name(), x.name(), v.name(), x.name(), v.name())
        .returns(StmtWriter.vjpType(function))
        .addCode("return new $T<>($T.$L, $L -> {\n$>", RuntimeTypes.RECORD_VJP, outer, hvp, s)
        .addStatement("int $L = $L.length", n, x.name())
        .addStatement("double[] $L = new double[$L]", zeros, n)
        .addStatement("double[] $L = new double[$L]", outX, n)
        .addStatement("double[] $L = new double[$L]", outV, n)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, n, j)
        .addStatement("$L[$L] = $LJvp($L, $L, $L, $L, $L, $L).tangent()", outX, j, second.name(),
            String.join(", ", primals), s, v.name(), unit, zeros, zeros)
        .addStatement("$L[$L] = $L($L, $L, $L)", outV, j, second.name(), String.join(", ", primals), s,
            unit)
        .endControlFlow()
        .addStatement("return new $L($L, $L)", function.gradRecordName(), outX, outV)
        .addCode("$<});\n")
        .build());
    if (sig.hasGradientTangent()) {
      emitGradientTangent(sig, internal);
    }
    if (sig.hasHvpTangent()) {
      emitHvpTangent(sig, internal);
    }
  }

  /**
   * {@code fHvpFunctionTangent(p, v, xDot, vDot)}, the tangent of H·v, with its forward mode, for
   * callers of order 2 that read {@code fHvp}: component j of the tangent is
   * {@code fTangent3(p, eⱼ, v, xDot) + fTangent2(p, eⱼ, vDot)} (the derivative of
   * {@code fTangent2(p, eⱼ, v)}), and its forward mode differentiates both terms as written through
   * {@code fTangent3Jvp} and {@code fTangent2Jvp}, one pass per element.
   */
  private static void emitHvpTangent(Callee sig, TypeSpec.Builder internal) {
    Callee function = sig.hvpFunction();
    Callee tangent = function.tangentFunction();
    Callee second = sig.tangentFunction(2);
    Callee third = sig.tangentFunction(3);
    String primals = String.join(", ", sig.paramNames());
    List<Callee.Param> diff = tangent.differentiatedParams();
    String x = diff.get(0).name();
    String v = diff.get(1).name();
    String xDot = diff.get(2).name();
    String vDot = diff.get(3).name();
    Names names = Names.of(tangent.paramNames(), List.of());
    List<String> dirs = diff.stream().map(p -> names.fresh(p.name() + "Dir")).toList();
    String n = names.fresh("n");
    String j = names.fresh("j");
    String zeros = names.fresh("zeros");
    String value = names.fresh("value");
    String out = names.fresh("tangent");
    String e = names.fresh("e");
    String a = names.fresh("third");
    String b = names.fresh("second");
    TypeName array = TypeName.get(double[].class);
    CodeBlock unit = ArrayHessianEmitter.unit(Type.DOUBLE_ARRAY, n, j);
    internal.addMethod(DerivativesEmitter.entryPoint(tangent.name(), tangent,
            "The tangent of {@code $L} along ($L, $L), for callers of order 2 of {@code $LHvp}.\n",
            function.name(), xDot, vDot, sig.name())
        .returns(array)
        .addStatement("return $LJvp($L).tangent()", function.name(), String.join(", ", tangent.paramNames()))
        .build());
    MethodSpec.Builder jvp = DerivativesEmitter.entryPoint(tangent.name() + "Jvp", tangent,
        "Forward mode of {@code $L}: component j differentiates\n{@code $L($L, eⱼ, $L, $L) + $L($L, eⱼ, $L)}"
            + " as written, one pass per element.\n", tangent.name(), third.name(), x, v, xDot, second.name(), x,
        vDot)
        .returns(ParameterizedTypeName.get(RuntimeTypes.JVP, array));
    dirs.forEach(d -> jvp.addParameter(array, d));
    jvp.addStatement("int $L = $L.length", n, x)
        .addStatement("double[] $L = new double[$L]", zeros, n)
        .addStatement("double[] $L = new double[$L]", value, n)
        .addStatement("double[] $L = new double[$L]", out, n)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, n, j)
        .addStatement("double[] $L = $L", e, unit)
        .addStatement("$T $L = $LJvp($L, $L, $L, $L, $L, $L, $L, $L)", RuntimeTypes.DUAL, a, third.name(), primals,
            e, v, xDot, dirs.get(0), zeros, dirs.get(1), dirs.get(2))
        .addStatement("$T $L = $LJvp($L, $L, $L, $L, $L, $L)", RuntimeTypes.DUAL, b, second.name(), primals, e, vDot,
            dirs.get(0), zeros, dirs.get(3))
        .addStatement("$L[$L] = $L.value() + $L.value()", value, j, a, b)
        .addStatement("$L[$L] = $L.tangent() + $L.tangent()", out, j, a, b)
        .endControlFlow()
        .addStatement("return $T.of($L, $L)", RuntimeTypes.JVP, value, out);
    internal.addMethod(jvp.build());
  }

  /**
   * {@code fGradientTangent(p, wDot)}, the tangent of {@code fGradient} along wDot, with its forward
   * mode, for callers of order 2 that read the gradient: the derivative of ∇f along wDot is H·wDot,
   * {@code fHvpFunction} itself, and so is that of its derivative.
   */
  private static void emitGradientTangent(Callee sig, TypeSpec.Builder internal) {
    Callee tangent = sig.gradientFunction().tangentFunction();
    Callee function = sig.hvpFunction();
    TypeName array = TypeName.get(double[].class);
    String all = String.join(", ", tangent.paramNames());
    internal.addMethod(DerivativesEmitter.entryPoint(tangent.name(), tangent,
            "The tangent of {@code $L} along {@code $L}: H·$L ({@code $L}).\n", sig.gradientFunction().name(),
            tangent.params().get(tangent.params().size() - 1).name(),
            tangent.params().get(tangent.params().size() - 1).name(), function.name())
        .returns(array)
        .addStatement("return $L($L)", function.name(), all)
        .build());
    Names names = Names.of(tangent.paramNames(), List.of());
    List<String> dirs = tangent.differentiatedParams().stream().map(p -> names.fresh(p.name() + "Dir")).toList();
    MethodSpec.Builder jvp = DerivativesEmitter.entryPoint(tangent.name() + "Jvp", tangent,
        "Forward mode of {@code $L}: that of {@code $L}.\n", tangent.name(), function.name())
        .returns(ParameterizedTypeName.get(RuntimeTypes.JVP, array));
    dirs.forEach(d -> jvp.addParameter(array, d));
    internal.addMethod(jvp.addStatement("return $LJvp($L, $L)", function.name(), all, String.join(", ", dirs))
        .build());
  }
}

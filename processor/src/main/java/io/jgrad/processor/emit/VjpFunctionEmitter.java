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
import java.util.ArrayList;
import java.util.List;

/**
 * The pullback of an order-2 function with a {@code double[]} result as a function of its own, in
 * {@code Internal}: {@code fVjpFunction(p..., u)} ({@code fVjpFunctionP} per differentiated
 * parameter), uᵀ·J in p's direction, what a caller that reads {@code fVjp(x).pullback(u)} is
 * differentiated through. Both modes go through {@code fTangent} (J·v, the rule's tangent where a
 * {@code @CustomJvp} rule is reached): the reverse mode of a cotangent s is the gradient of
 * u·{@code fTangent(p, s)} in the point (one pass of {@code fTangentVjp}) and J·s in u; the forward
 * mode differentiates u·{@code fTangent(p, eⱼ)}, one pass of {@code fTangentJvp} per element of p.
 */
final class VjpFunctionEmitter {
  private VjpFunctionEmitter() {}

  /** Adds the functions, their modes and the VJPs' gradient records to {@code internal}. */
  static void emit(Callee sig, TypeSpec.Builder internal) {
    for (Callee.Param p : sig.differentiatedParams()) {
      emitComponent(sig, p, internal);
    }
  }

  private static void emitComponent(Callee sig, Callee.Param p, TypeSpec.Builder internal) {
    List<Callee.Param> diff = sig.differentiatedParams();
    int k = diff.indexOf(p);
    Callee function = sig.vjpFunction(p);
    Callee tangent = sig.tangentFunction();
    ClassName outer = RuntimeTypes.derivatives(sig);
    String primals = String.join(", ", sig.paramNames());
    String u = function.params().get(function.params().size() - 1).name();
    Names names = Names.of(function.paramNames(), List.of());
    CodeBlock pulled = CodeBlock.of("$T.$LVjp($L).pullback($L)$L", outer, sig.name(), primals, u,
        sig.hasSingleGradient() ? "" : "." + p.name() + "()");
    String result = "the result of " + sig.name();

    internal.addMethod(DerivativesEmitter.entryPoint(function.name(), function,
            "uᵀ·J of {@code $L} in the direction of {@code $L} ({@code $LVjp(...).pullback(u)}) as a\n"
                + "function of its own, for callers that differentiate through it.\n", sig.name(), p.name(),
            sig.name())
        .returns(DerivativesEmitter.typeName(p.type()))
        .addStatement("return $L", pulled)
        .build());

    // Forward mode: element j is u·fTangent(p, eⱼ), differentiated along the point and along u.
    List<String> dirs = function.differentiatedParams().stream().map(d -> names.fresh(d.name() + "Dir")).toList();
    String uDir = dirs.get(dirs.size() - 1);
    String zeros = String.join(", ", diff.stream().map(d -> Terms.zeroLike(d.type(), d.name())).toList());
    String primalDirs = String.join(", ", dirs.subList(0, diff.size()));
    String t = names.fresh("t");
    String tv = names.fresh("column");
    String tt = names.fresh("columnDot");
    String i = names.fresh("i");
    String j = names.fresh("j");
    String n = names.fresh("n");
    String value = names.fresh("value");
    String out = names.fresh("tangent");
    boolean array = p.type().isArray();
    MethodSpec.Builder jvp = DerivativesEmitter.entryPoint(function.name() + "Jvp", function,
        "Forward mode of {@code $L}: $L is $L·{@code $L($L, e)} differentiated as written "
            + "(e the unit direction of $L).\n", function.name(), array ? "element j" : "it", u, tangent.name(),
        primals, array ? "element j of " + p.name() : p.name())
        .returns(DerivativesEmitter.jvpType(function));
    SecondOrderEmitter.addTangents(jvp, function.differentiatedParams(), dirs);
    jvp.addStatement("$T.checkLength($L, $L, $S)", RuntimeTypes.TANGENTS, u, uDir, u);
    TypeName jvpOfArray = ParameterizedTypeName.get(RuntimeTypes.JVP, TypeName.get(double[].class));
    if (array) {
      jvp.addStatement("int $L = $L.length", n, p.name())
          .addStatement("double[] $L = new double[$L]", value, n)
          .addStatement("double[] $L = new double[$L]", out, n)
          .beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, n, j);
    } else {
      jvp.addStatement("double $L = 0.0", value).addStatement("double $L = 0.0", out);
    }
    String at = array ? "[" + j + "]" : "";
    jvp.addStatement("$T $L = $LJvp($L, $L,$W$L, $L)", jvpOfArray, t, tangent.name(), primals,
            ArrayHessianEmitter.units(diff, k, array ? j : null), primalDirs, zeros)
        .addStatement("double[] $L = $L.value()", tv, t)
        .addStatement("double[] $L = $L.tangent()", tt, t)
        .addStatement("$T.checkDirection($L, $L, $S, $S)", RuntimeTypes.TANGENTS, tv, u, result, u)
        .beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", i, i, u, i)
        .addStatement("$L$L += $L[$L] * $L[$L]", value, at, u, i, tv, i)
        .addStatement("$L$L += $L[$L] * $L[$L] + $L[$L] * $L[$L]", out, at, uDir, i, tv, i, u, i, tt, i)
        .endControlFlow();
    if (array) {
      jvp.endControlFlow().addStatement("return $T.of($L, $L)", RuntimeTypes.JVP, value, out);
    } else {
      jvp.addStatement("return $T.of($L, $L)", RuntimeTypes.DUAL, value, out);
    }
    internal.addMethod(jvp.build());

    // Reverse mode: s·uᵀ·J·e = u·fTangent(p, s·e), whose gradient in the point is one pass of fTangentVjp.
    List<ParameterSpec> components = new ArrayList<>();
    function.differentiatedParams().forEach(d -> components.add(
        ParameterSpec.builder(DerivativesEmitter.typeName(d.type()), d.name()).build()));
    internal.addType(DerivativesEmitter.gradRecord(function.gradRecordName(), components,
        "The gradient of {@code $L}: along the parameters of {@code $L} and along {@code $L}.\n",
        function.name(), sig.name(), u));
    String s = names.fresh("s");
    String v = names.fresh("vjp");
    String g = names.fresh("g");
    List<String> along = diff.stream().map(d -> d == p ? s : Terms.zeroLike(d.type(), d.name())).toList();
    List<String> outs = new ArrayList<>();
    diff.forEach(d -> outs.add(g + "." + d.name() + "()"));
    outs.add(v + ".value()");
    ClassName tangentGrad = RuntimeTypes.home(tangent).nestedClass(tangent.gradRecordName());
    internal.addMethod(DerivativesEmitter.entryPoint(function.name() + "Vjp", function,
            "Reverse mode of {@code $L}: a cotangent s is pulled back to the gradient of\n"
                + "$L·{@code $L($L, s)} in the point (one pass of its reverse mode) and to J·s in $L.\n",
            function.name(), u, tangent.name(), primals, u)
        .returns(StmtWriter.vjpType(function))
        .addCode("return new $T<>($L, $L -> {\n$>", array ? RuntimeTypes.RECORD_VJP : RuntimeTypes.VJP, pulled, s)
        .addStatement("$T<double[], $T> $L = $LVjp($L, $L)", RuntimeTypes.RECORD_VJP, tangentGrad, v,
            tangent.name(), primals, String.join(", ", along))
        .addStatement("$T $L = $L.pullback($L)", tangentGrad, g, v, u)
        .addStatement("return new $L($L)", function.gradRecordName(), String.join(", ", outs))
        .addCode("$<});\n")
        .build());
  }
}

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
 * The tangent of each gradient component of an order-3 function of several {@code double[]}s and
 * doubles, in {@code Internal}: {@code fGradientPTangent(p..., pDot...)}, component p of H·pDot
 * ({@code fHvp}), with its forward mode, what callers of order 2 that read {@code fGrad(w, b).w()}
 * go through. Element j of component p is {@code fTangent2(p, eⱼ, pDot)} (eⱼ inner, as {@code fHvp}
 * has it), and the forward mode differentiates it as written, one pass per element, so no symmetry
 * of the derivatives is assumed where a custom rule is reached.
 */
final class GradientTangentEmitter {
  private GradientTangentEmitter() {}

  /** Adds {@code fGradientPTangent} and {@code fGradientPTangentJvp} for each differentiated parameter. */
  static void emit(Callee sig, TypeSpec.Builder internal) {
    for (Callee.Param p : sig.differentiatedParams()) {
      emitComponent(sig, p, internal);
    }
  }

  private static void emitComponent(Callee sig, Callee.Param p, TypeSpec.Builder internal) {
    List<Callee.Param> diff = sig.differentiatedParams();
    Callee gradient = sig.gradientFunction(p);
    Callee tangent = gradient.tangentFunction();
    Callee second = sig.tangentFunction(2);
    ClassName outer = RuntimeTypes.derivatives(sig);
    List<String> all = tangent.paramNames();
    List<String> dots = all.subList(sig.params().size(), all.size());
    internal.addMethod(DerivativesEmitter.entryPoint(tangent.name(), tangent,
            "The tangent of {@code $L} along the tangents: component {@code $L} of H times them\n"
                + "({@code $LHvp}).\n", gradient.name(), p.name(), sig.name())
        .returns(DerivativesEmitter.typeName(p.type()))
        .addStatement("return $T.$LHvp($L).$L()", outer, sig.name(), String.join(", ", all), p.name())
        .build());

    Names names = Names.of(all, List.of());
    List<String> dirs = tangent.differentiatedParams().stream().map(d -> names.fresh(d.name() + "Dir")).toList();
    int k = diff.indexOf(p);
    // fTangent2Jvp(primals, inner, outer, primals', inner', outer'): eⱼ inner with no tangent, pDot outer.
    String zeros = String.join(", ", diff.stream().map(d -> Terms.zeroLike(d.type(), d.name())).toList());
    String primals = String.join(", ", sig.paramNames());
    String along = String.join(", ", dots);
    String primalDirs = String.join(", ", dirs.subList(0, diff.size()));
    String dotDirs = String.join(", ", dirs.subList(diff.size(), dirs.size()));
    MethodSpec.Builder jvp = DerivativesEmitter.entryPoint(tangent.name() + "Jvp", tangent,
        "Forward mode of {@code $L}: $L differentiates {@code $L($L, e, $L)} as written$L.\n",
        tangent.name(), p.type().isArray() ? "element j" : "it", second.name(), primals, along,
        p.type().isArray() ? ", one pass per element (e the unit direction of element j)" : "")
        .returns(DerivativesEmitter.jvpType(gradient));
    SecondOrderEmitter.addTangents(jvp, tangent.differentiatedParams(), dirs);
    if (!p.type().isArray()) {
      jvp.addStatement("return $LJvp($L, $L, $L,$W$L, $L, $L)", second.name(), primals,
          ArrayHessianEmitter.units(diff, k, null), along, primalDirs, zeros, dotDirs);
      internal.addMethod(jvp.build());
      return;
    }
    String n = names.fresh("n");
    String value = names.fresh("value");
    String out = names.fresh("tangent");
    String j = names.fresh("j");
    String d = names.fresh("second");
    TypeName array = DerivativesEmitter.typeName(p.type());
    jvp.addStatement("int $L = $L.length", n, p.name())
        .addStatement("$T $L = new double[$L]", array, value, n)
        .addStatement("$T $L = new double[$L]", array, out, n)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, n, j)
        .addStatement("$T $L = $LJvp($L, $L, $L,$W$L, $L, $L)", RuntimeTypes.DUAL, d, second.name(), primals,
            ArrayHessianEmitter.units(diff, k, j), along, primalDirs, zeros, dotDirs)
        .addStatement("$L[$L] = $L.value()", value, j, d)
        .addStatement("$L[$L] = $L.tangent()", out, j, d)
        .endControlFlow()
        .addStatement("return $T.of($L, $L)", ParameterizedTypeName.get(RuntimeTypes.JVP, array).rawType(), value,
            out);
    internal.addMethod(jvp.build());
  }

  /** Whether {@code sig} gets these functions (its single-array twin is {@link HvpFunctionEmitter}'s). */
  static boolean applies(Callee sig) {
    return sig.hasGradientTangent() && !sig.hasSingleGradient();
  }
}

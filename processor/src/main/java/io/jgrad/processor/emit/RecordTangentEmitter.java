package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordShape;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fTangent} and {@code fTangentJvp} of a {@code @CustomJvp} rule with a record result, as
 * records of its type: what the second order of a caller with forward mode calls.
 */
final class RecordTangentEmitter {
  private RecordTangentEmitter() {}

  /**
   * {@code fTangent(p, v)}, the rule's tangent record, and {@code fTangentJvp(p, v, u, w)}, its
   * forward mode ({@code kernel(p, v, u)} plus the tangent along w, leaf by leaf), in {@code type}.
   */
  static void emit(Callee sig, String kernel, TypeSpec.Builder type) {
    List<String> primals = sig.paramNames();
    Names names = Names.of(primals, List.of());
    List<Callee.Param> diff = sig.differentiatedParams();
    List<String> vs = diff.stream().map(p -> names.fresh(p.name() + "Dot")).toList();
    List<String> us = diff.stream().map(p -> names.fresh(p.name() + "Dir")).toList();
    List<String> ws = diff.stream().map(p -> names.fresh(p.name() + "DotDir")).toList();
    TypeName record = DerivativesEmitter.resultType(sig);
    TypeName jvp = DerivativesEmitter.jvpType(sig);
    ClassName home = RuntimeTypes.home(sig);
    String all = String.join(", ", primals);

    MethodSpec.Builder tangent = DerivativesEmitter.entryPoint(sig.name() + "Tangent", sig,
        "The tangent record of {@code $L} along the tangents, as a function of its own.\n", sig.name())
        .returns(record);
    SecondOrderEmitter.addTangents(tangent, diff, vs);
    tangent.addStatement("return $T.$LJvp($L, $L).tangent()", home, sig.name(), all, String.join(", ", vs));
    type.addMethod(tangent.build());

    MethodSpec.Builder forward = DerivativesEmitter.entryPoint(sig.name() + "TangentJvp", sig,
        "Forward mode of {@code $LTangent}: along the primal direction and the tangent direction.\n",
        sig.name()).returns(jvp);
    List.of(vs, us, ws).forEach(group -> SecondOrderEmitter.addTangents(forward, diff, group));
    String second = names.fresh("second");
    String along = names.fresh("along");
    forward.addStatement("$T $L = $T.$L($L, $L, $L)", jvp, second, RuntimeTypes.derivatives(sig), kernel, all,
        String.join(", ", vs), String.join(", ", us));
    forward.addStatement("$T $L = $T.$LJvp($L, $L).tangent()", record, along, home, sig.name(), all,
        String.join(", ", ws));
    // Each leaf's second derivative plus its tangent along w; a leaf without a tangent as it is.
    RecordShape shape = sig.recordResult().shape();
    List<String> leaves = new ArrayList<>();
    for (RecordShape.Leaf leaf : shape.leaves()) {
      String read = leaf.read(second + ".tangent()");
      leaves.add(leaf.differentiable() ? read + " + " + leaf.read(along) : read);
    }
    forward.addStatement("return $T.of($L.value(), $L)", RuntimeTypes.JVP, second,
        RecordEntryEmitter.build(shape, leaves.iterator()));
    type.addMethod(forward.build());
  }
}

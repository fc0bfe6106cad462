package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Linearized;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Second derivatives of an order-2 function: a private kernel carrying uᵀ·H·v (forward mode over the
 * tangent program), {@code fHessian}, {@code fHvp}, and {@code fTangent}/{@code fTangentJvp} for callers.
 */
final class SecondOrderEmitter {
  private static final ClassName DUAL = RuntimeTypes.DUAL;
  private static final ClassName FLOAT_DUAL = RuntimeTypes.FLOAT_DUAL;

  private SecondOrderEmitter() {}

  /**
   * {@code fHessian} and {@code fHvp} from a private second-order kernel: forward mode applied to the
   * tangent program, so {@code fSecondOrder(x, v, u)} carries {@code uᵀ H v}.
   */
  static void emit(Derived d, Members members) {
    TypeSpec.Builder type = members.api();
    Callee sig = d.signature();
    Callee sig2 = d.secondOrder().kernel();
    Linearized jvp = d.secondOrder().program().linearized();
    String kernel = sig.name() + "SecondOrder";
    Type t = sig.returnType();
    MethodSpec.Builder second = MethodSpec.methodBuilder(kernel)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("uᵀ·H·v for {@code $L}: forward mode over its tangent program.\n", sig.name())
        .returns(t == Type.FLOAT ? FLOAT_DUAL : DUAL);
    DerivativesEmitter.addParams(sig2, second);
    List<Callee.Param> diff = sig.differentiatedParams();
    for (Callee.Param p : diff) {
      second.addParameter(DerivativesEmitter.typeName(p.type()), jvp.tangents().get(p.name()).name());
    }
    second.addCode(new JvpWriter(d.secondOrder().program().names()).write(jvp.program()));
    type.addMethod(second.build());
    emitTangentFunction(sig, kernel, members.internal());

    List<String> primals = sig.params().stream().map(Callee.Param::name).toList();
    int n = diff.size();
    MethodSpec.Builder hessian = DerivativesEmitter.entryPoint(sig.name() + "Hessian", sig,
        "The Hessian of {@code $L} ({@code jax.hessian}); for one parameter, {@code grad(grad(f))}.\n",
            sig.name());
    if (n == 1) {
      hessian.returns(TypeName.DOUBLE);
      hessian.addStatement("return $L($L, $L, $L).tangent()", kernel, String.join(", ", primals),
          one(diff.get(0).type()), one(diff.get(0).type()));
    } else {
      hessian.returns(com.palantir.javapoet.ArrayTypeName.of(com.palantir.javapoet.ArrayTypeName.of(TypeName.DOUBLE)));
      hessian.addStatement("double[][] hessian = new double[$L][$L]", n, n);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          hessian.addStatement("hessian[$L][$L] = $L($L, $L, $L).tangent()", i, j, kernel,
              String.join(", ", primals), basis(diff, i), basis(diff, j));
        }
      }
      hessian.addStatement("return hessian");
    }
    type.addMethod(hessian.build());

    MethodSpec.Builder hvp = DerivativesEmitter.entryPoint(sig.name() + "Hvp", sig,
        "The Hessian of {@code $L} times the vector v ({@code jvp(grad(f))}).\n", sig.name());
    Names hvpNames = Names.of(primals, List.of());
    List<String> vs = new ArrayList<>();
    for (Callee.Param p : diff) {
      String v = hvpNames.fresh(n == 1 ? "v" : "v" + Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1));
      vs.add(v);
      hvp.addParameter(DerivativesEmitter.typeName(p.type()), v);
    }
    if (n == 1) {
      hvp.returns(TypeName.DOUBLE);
      hvp.addStatement("return $L($L, $L, $L).tangent()", kernel, String.join(", ", primals), vs.get(0),
          one(diff.get(0).type()));
    } else {
      hvp.returns(RuntimeTypes.derivatives(sig).nestedClass(sig.gradRecordName()));
      List<String> components = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String component = kernel + "(" + String.join(", ", primals) + ", " + String.join(", ", vs) + ", "
            + basis(diff, i) + ").tangent()";
        components.add(diff.get(i).type() == Type.FLOAT ? "(float) " + component : component);
      }
      hvp.addStatement("return new $L($L)", sig.gradRecordName(), String.join(", ", components));
    }
    type.addMethod(hvp.build());
  }

  /**
   * {@code fTangent(p, v) = J·v} and its forward mode {@code fTangentJvp(p, v, u, w) = (J·v, uᵀ·H·v + J·w)}:
   * what the second order of a caller of {@code f} calls, in {@code Internal} ({@code type}); their
   * calls into the derivatives class are qualified, so that no member of {@code Internal} can shadow them.
   */
  private static void emitTangentFunction(Callee sig, String kernel, TypeSpec.Builder type) {
    List<String> primals = sig.params().stream().map(Callee.Param::name).toList();
    Names names = Names.of(primals, List.of());
    List<Callee.Param> diff = sig.differentiatedParams();
    List<String> vs = new ArrayList<>();
    List<String> us = new ArrayList<>();
    List<String> ws = new ArrayList<>();
    diff.forEach(p -> vs.add(names.fresh(p.name() + "Dot")));
    diff.forEach(p -> us.add(names.fresh(p.name() + "Dir")));
    diff.forEach(p -> ws.add(names.fresh(p.name() + "DotDir")));
    ClassName dual = sig.returnType() == Type.FLOAT ? FLOAT_DUAL : DUAL;
    ClassName outer = RuntimeTypes.derivatives(sig);
    String all = String.join(", ", primals);

    MethodSpec.Builder tangent = DerivativesEmitter.entryPoint(sig.name() + "Tangent", sig,
        "The directional derivative of {@code $L} along the tangents, as a function of its own.\n",
            sig.name())
        .returns(DerivativesEmitter.typeName(sig.returnType()));
    for (int i = 0; i < diff.size(); i++) {
      tangent.addParameter(DerivativesEmitter.typeName(diff.get(i).type()), vs.get(i));
    }
    tangent.addStatement("return $T.$L($L, $L).tangent()", outer, sig.name() + "Jvp", all, String.join(", ", vs));
    type.addMethod(tangent.build());

    MethodSpec.Builder jvp = DerivativesEmitter.entryPoint(sig.name() + "TangentJvp", sig,
        "Forward mode of {@code $LTangent}: along the primal direction and the tangent direction.\n",
            sig.name())
        .returns(dual);
    for (List<String> group : List.of(vs, us, ws)) {
      for (int i = 0; i < diff.size(); i++) {
        jvp.addParameter(DerivativesEmitter.typeName(diff.get(i).type()), group.get(i));
      }
    }
    String second = names.fresh("second");
    jvp.addStatement("$T $L = $T.$L($L, $L, $L)", dual, second, outer, kernel, all, String.join(", ", vs),
        String.join(", ", us));
    jvp.addStatement("return $T.of($L.value(), $L.tangent() + $T.$L($L, $L).tangent())", dual, second, second,
        outer, sig.name() + "Jvp", all, String.join(", ", ws));
    type.addMethod(jvp.build());
  }

  private static String one(Type t) {
    return t == Type.FLOAT ? "1.0f" : "1.0";
  }

  /** The i-th basis vector over the differentiated parameters, as arguments. */
  static String basis(List<Callee.Param> diff, int i) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < diff.size(); k++) {
      out.add(k == i ? one(diff.get(k).type()) : Terms.zero(diff.get(k).type()));
    }
    return String.join(", ", out);
  }
}

package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.transform.SecondOrder;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Second derivatives by reverse over reverse, for an order-2 function with reverse mode only (a
 * {@code @CustomVjp} function or one that reaches one): each component of its pullback becomes a
 * function of its own ({@code fPullbackX}, whose value is {@code fVjp}'s pullback and whose reverse
 * mode differentiates the rule's passes or the transposed body), and {@code fHessian} reads their
 * gradients.
 */
final class PullbackEmitter {
  private PullbackEmitter() {}

  /** The pullback functions of {@code sig}, their derivatives, and {@code fHessian}. */
  static void emit(Callee sig, List<Function> pullbacks, TypeSpec.Builder type) {
    if (sig.returnType() != Type.DOUBLE || sig.differentiatedParams().stream().anyMatch(p -> p.type() != Type.DOUBLE)) {
      throw new SecondOrder.Unsupported("order 2 through a @CustomVjp rule needs double parameters and a double"
          + " result");
    }
    List<Callee.Param> diff = sig.differentiatedParams();
    String args = String.join(", ", sig.params().stream().map(Callee.Param::name).toList());
    for (int i = 0; i < diff.size(); i++) {
      Function pullback = pullbacks.get(i);
      Callee p = pullback.signature();
      String g = p.params().get(p.params().size() - 1).name();
      MethodSpec.Builder m = MethodSpec.methodBuilder(p.name())
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addJavadoc("The gradient of {@code $L} with respect to {@code $L}, times the output cotangent {@code $L},"
              + " as a function of its own: its reverse mode (reverse over reverse) gives the second derivatives"
              + " of {@code $L} and of its callers.\n", sig.name(), diff.get(i).name(), g, sig.name())
          .returns(TypeName.DOUBLE);
      DerivativesEmitter.addParams(p, m);
      m.addStatement("return $LVjp($L).pullback($L)$L", sig.name(), args, g,
          diff.size() == 1 ? "" : "." + diff.get(i).name() + "()");
      type.addMethod(m.build());
      DerivativesEmitter.emit(pullback, false, 1, type, value -> false, true);
    }
    emitHessian(sig, type);
  }

  /**
   * The pullback functions of an order-2 function with forward mode, for callers that reach a
   * {@code @CustomVjp} rule and differentiate reverse over reverse: {@code fPullbackX(p, g)} is
   * {@code g·∂f/∂x} from {@code fTangent}, and its {@code fPullbackXVjp} pulls back through a row of
   * {@code fHessian}.
   */
  static void emitFromHessian(Callee sig, TypeSpec.Builder type) {
    List<Callee.Param> diff = sig.differentiatedParams();
    if (sig.returnType() != Type.DOUBLE || diff.stream().anyMatch(p -> p.type() != Type.DOUBLE)) {
      return; // reverse over reverse reports a caller that needs these for other types
    }
    List<String> primals = sig.params().stream().map(Callee.Param::name).toList();
    io.jgrad.processor.ir.Names names = io.jgrad.processor.ir.Names.of(primals, List.of());
    String g = sig.pullbackCotangentName();
    names.fresh(g);
    String derivative = names.fresh("derivative");
    String hessian = names.fresh("hessian");
    String args = String.join(", ", primals);
    for (int k = 0; k < diff.size(); k++) {
      Callee pullback = sig.pullbackFunction(diff.get(k), g);
      String name = pullback.name();
      String tangent = sig.name() + "Tangent(" + args + ", " + SecondOrderEmitter.basis(diff, k) + ")";
      MethodSpec.Builder value = MethodSpec.methodBuilder(name)
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addJavadoc("The derivative of {@code $L} with respect to {@code $L}, times {@code $L}, as a function of"
              + " its own, for callers whose second derivatives go reverse over reverse.\n", sig.name(),
              diff.get(k).name(), g)
          .returns(TypeName.DOUBLE);
      DerivativesEmitter.addParams(pullback, value);
      value.addStatement("return $L * $L", g, tangent);
      type.addMethod(value.build());

      com.palantir.javapoet.ClassName record = RuntimeTypes.derivatives(sig).nestedClass(pullback.gradRecordName());
      MethodSpec.Builder vjp = MethodSpec.methodBuilder(name + "Vjp")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addJavadoc("The value of {@code $L} and its pullback, through row $L of {@code $LHessian}.\n", name, k,
              sig.name())
          .returns(com.palantir.javapoet.ParameterizedTypeName.get(RuntimeTypes.VJP, record));
      DerivativesEmitter.addParams(pullback, vjp);
      vjp.addStatement("double $L = $L", derivative, tangent);
      vjp.addCode("return new $T<>($L * $L, outBar -> {\n$>", RuntimeTypes.VJP, g, derivative);
      List<String> components = new java.util.ArrayList<>();
      if (diff.size() == 1) {
        vjp.addStatement("double $L = $LHessian($L)", hessian, sig.name(), args);
        components.add("outBar * " + g + " * " + hessian);
      } else {
        vjp.addStatement("double[][] $L = $LHessian($L)", hessian, sig.name(), args);
        for (int j = 0; j < diff.size(); j++) {
          components.add("outBar * " + g + " * " + hessian + "[" + k + "][" + j + "]");
        }
      }
      components.add("outBar * " + derivative);
      vjp.addStatement("return new $T($L)", record, String.join(", ", components));
      vjp.addCode("$<});\n");
      type.addMethod(vjp.build());
      DerivativesEmitter.emitGradRecord(pullback, type);
    }
  }

  /** {@code fHessian}: row i is the gradient of pullback component i at the cotangent 1. */
  private static void emitHessian(Callee sig, TypeSpec.Builder type) {
    List<Callee.Param> diff = sig.differentiatedParams();
    String args = String.join(", ", sig.params().stream().map(Callee.Param::name).toList());
    MethodSpec.Builder hessian = MethodSpec.methodBuilder(sig.name() + "Hessian")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The Hessian of {@code $L} ({@code jax.hessian}), reverse over reverse through its rule;"
            + " for one parameter, {@code grad(grad(f))}.\n", sig.name());
    DerivativesEmitter.addParams(sig, hessian);
    if (diff.size() == 1) {
      hessian.returns(TypeName.DOUBLE);
      hessian.addStatement("return $LGrad($L, 1.0).$L()", sig.pullbackName(diff.get(0)), args, diff.get(0).name());
    } else {
      hessian.returns(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)));
      hessian.addStatement("double[][] hessian = new double[$L][]", diff.size());
      for (int i = 0; i < diff.size(); i++) {
        String row = sig.pullbackName(diff.get(i));
        String grad = row + "Grad(" + args + ", 1.0)";
        StringBuilder components = new StringBuilder();
        for (Callee.Param q : diff) {
          components.append(components.length() == 0 ? "" : ", ").append("row").append(i).append('.').append(q.name()).append("()");
        }
        hessian.addStatement("var row$L = $L", i, grad);
        hessian.addStatement("hessian[$L] = new double[] {$L}", i, components);
      }
      hessian.addStatement("return hessian");
    }
    type.addMethod(hessian.build());
  }
}

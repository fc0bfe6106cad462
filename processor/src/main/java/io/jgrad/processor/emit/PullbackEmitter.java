package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.transform.Pullbacks;
import io.jgrad.processor.transform.SecondOrder;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Second derivatives of an order-2 {@code @CustomVjp} function by reverse over reverse: each
 * component of its pullback becomes a function of its own ({@code fPullbackX}, whose value calls the
 * user's rule and whose reverse mode differentiates the rule's passes), and {@code fHessian} reads
 * their gradients.
 */
final class PullbackEmitter {
  private PullbackEmitter() {}

  static void emit(Function f, TypeSpec.Builder type) {
    Callee sig = f.signature();
    if (sig.returnType() != Type.DOUBLE || sig.differentiatedParams().stream().anyMatch(p -> p.type() != Type.DOUBLE)) {
      throw new SecondOrder.Unsupported("order 2 through a @CustomVjp rule needs double parameters and a double"
          + " result");
    }
    List<Callee.Param> diff = sig.differentiatedParams();
    String args = String.join(", ", sig.params().stream().map(Callee.Param::name).toList());
    for (int i = 0; i < diff.size(); i++) {
      Function pullback = f.vjpRule().pullbacks().get(i);
      Callee p = pullback.signature();
      String g = p.params().get(p.params().size() - 1).name();
      MethodSpec.Builder m = MethodSpec.methodBuilder(p.name())
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addJavadoc("The gradient of {@code $L} with respect to {@code $L}, times the output cotangent {@code $L},"
              + " as a function of its own: its reverse mode differentiates {@code $L} and {@code $L} (reverse over"
              + " reverse), which second derivatives of {@code $L} and of its callers use.\n", sig.name(),
              diff.get(i).name(), g, f.vjpRule().fwd(), f.vjpRule().bwd(), sig.name())
          .returns(TypeName.DOUBLE);
      DerivativesEmitter.addParams(p, m);
      m.addStatement("return $LVjp($L).pullback($L)$L", sig.name(), args, g,
          diff.size() == 1 ? "" : "." + diff.get(i).name() + "()");
      type.addMethod(m.build());
      DerivativesEmitter.emit(pullback, false, 1, type, value -> false, false);
    }
    emitHessian(f, type);
  }

  /** {@code fHessian}: row i is the gradient of pullback component i at the cotangent 1. */
  private static void emitHessian(Function f, TypeSpec.Builder type) {
    Callee sig = f.signature();
    List<Callee.Param> diff = sig.differentiatedParams();
    String args = String.join(", ", sig.params().stream().map(Callee.Param::name).toList());
    MethodSpec.Builder hessian = MethodSpec.methodBuilder(sig.name() + "Hessian")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The Hessian of {@code $L} ({@code jax.hessian}), reverse over reverse through its rule;"
            + " for one parameter, {@code grad(grad(f))}.\n", sig.name());
    DerivativesEmitter.addParams(sig, hessian);
    if (diff.size() == 1) {
      hessian.returns(TypeName.DOUBLE);
      hessian.addStatement("return $LGrad($L, 1.0).$L()", Pullbacks.name(sig, diff.get(0)), args, diff.get(0).name());
    } else {
      hessian.returns(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)));
      hessian.addStatement("double[][] hessian = new double[$L][]", diff.size());
      for (int i = 0; i < diff.size(); i++) {
        String row = Pullbacks.name(sig, diff.get(i));
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

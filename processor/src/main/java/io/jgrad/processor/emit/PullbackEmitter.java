package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Stmt;
import java.util.List;

/**
 * Second derivatives by reverse over reverse, for an order-2 function with reverse mode only (a
 * {@code @CustomVjp} function or one that reaches one): each component of its pullback becomes a
 * function of its own ({@code fPullbackX}, whose value is {@code fVjp}'s pullback and whose reverse
 * mode differentiates the rule's passes or the transposed body), and {@code fHessian} reads their
 * gradients.
 */
final class PullbackEmitter {
  private PullbackEmitter() {}

  /**
   * The pullback functions of {@code d}'s function, their derivatives, and {@code fHessian}; its
   * parameters and result are doubles ({@code OrderLimits}).
   */
  static void emit(Derived d, Members members) {
    ClassName outer = RuntimeTypes.derivatives(d.signature());
    Callee sig = d.signature();
    List<Callee.Param> diff = sig.differentiatedParams();
    String args = String.join(", ", sig.params().stream().map(Callee.Param::name).toList());
    emitPullbacks(d, members, (i, p, g) -> DerivativesEmitter.entryPoint(p.name(), p,
            "The gradient of {@code $L} with respect to {@code $L}, times the output cotangent {@code $L},"
                + " as a function of its own: its reverse mode (reverse over reverse) gives the second derivatives"
                + " of {@code $L} and of its callers.\n", sig.name(), diff.get(i).name(), g, sig.name())
        // Qualified: it is in Internal, where no member may shadow fVjp.
        .addStatement("return $T.$LVjp($L).pullback($L)$L", outer, sig.name(), args, g,
            diff.size() == 1 ? "" : "." + diff.get(i).name() + "()"));
    emitHessian(sig, d.pullbacks(), members.api());
  }

  /**
   * The pullback functions of an order-2 function with forward mode, for callers that reach a
   * {@code @CustomVjp} rule and differentiate reverse over reverse: {@code fPullbackX(p, g)} is
   * {@code g·fTangent(p, eₓ)}, an ordinary function whose reverse mode goes through
   * {@code fTangentVjp}, the reverse mode of the tangent program (none where the derivation found
   * that they cannot be had).
   */
  static void emitFromTangent(Derived d, Members members) {
    if (d.tangent() == null) {
      return;
    }
    DerivativesEmitter.emit(d.tangent(), members);
    Callee sig = d.signature();
    List<Callee.Param> diff = sig.differentiatedParams();
    emitPullbacks(d, members, (k, p, g) -> DerivativesEmitter.entryPoint(p.name(), p,
            "The derivative of {@code $L} with respect to {@code $L}, times {@code $L}, as a function of"
                + " its own, for callers whose second derivatives go reverse over reverse.\n", sig.name(),
            diff.get(k).name(), g)
        .addStatement("return $L",
            ExprWriter.write(((Stmt.Return) d.pullbacks().get(k).function().body().get(0)).value())));
  }

  /** The method of pullback function {@code i}, of signature {@code p} and cotangent {@code g}, but its return type. */
  private interface PullbackMethod {
    MethodSpec.Builder of(int i, Callee p, String g);
  }

  /** Each pullback function of {@code d}, a double, from {@code method}, and its derivatives. */
  private static void emitPullbacks(Derived d, Members members, PullbackMethod method) {
    for (int i = 0; i < d.signature().differentiatedParams().size(); i++) {
      Derived pullback = d.pullbacks().get(i);
      Callee p = pullback.signature();
      members.of(p).addMethod(method.of(i, p, p.params().get(p.params().size() - 1).name())
          .returns(TypeName.DOUBLE).build());
      DerivativesEmitter.emit(pullback, members);
    }
  }

  /**
   * {@code fHessian}: row i is the gradient of pullback component i at the cotangent 1, read from
   * {@code Internal}, where the pullback functions ({@code pullbacks}) are.
   */
  private static void emitHessian(Callee sig, List<Derived> pullbacks, TypeSpec.Builder type) {
    List<Callee.Param> diff = sig.differentiatedParams();
    String args = String.join(", ", sig.params().stream().map(Callee.Param::name).toList());
    MethodSpec.Builder hessian = DerivativesEmitter.entryPoint(sig.name() + "Hessian", sig,
        "The Hessian of {@code $L} ({@code jax.hessian}), reverse over reverse through its rule;"
            + " for one parameter, {@code grad(grad(f))}.\n", sig.name());
    if (diff.size() == 1) {
      hessian.returns(TypeName.DOUBLE);
      hessian.addStatement("return $T.$LGrad($L, 1.0).$L()", RuntimeTypes.home(pullbacks.get(0).signature()),
          sig.pullbackName(diff.get(0)), args, diff.get(0).name());
    } else {
      hessian.returns(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)));
      hessian.addStatement("double[][] hessian = new double[$L][]", diff.size());
      for (int i = 0; i < diff.size(); i++) {
        String row = "row" + i;
        hessian.addStatement("var $L = $T.$LGrad($L, 1.0)", row, RuntimeTypes.home(pullbacks.get(i).signature()),
            sig.pullbackName(diff.get(i)), args);
        hessian.addStatement("hessian[$L] = new double[] {$L}", i,
            String.join(", ", diff.stream().map(q -> row + "." + q.name() + "()").toList()));
      }
      hessian.addStatement("return hessian");
    }
    type.addMethod(hessian.build());
  }
}

package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.rules.Primitive;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * The pullback functions of {@code sig}, their derivatives, and {@code fHessian}; its parameters and
   * result are doubles ({@code OrderLimits}).
   */
  static void emit(Callee sig, List<Function> pullbacks, TypeSpec.Builder type) {
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
   * {@code g·fTangent(p, eₓ)}, an ordinary function whose reverse mode transposes it through
   * {@code fTangentVjp}, the reverse mode of the tangent program {@code tangentBody} (whose tangents
   * are named {@code tangentNames}).
   */
  static void emitFromTangent(Callee sig, List<Stmt> tangentBody, List<String> tangentNames, TypeSpec.Builder type) {
    List<Callee.Param> diff = sig.differentiatedParams();
    if (!doubles(sig) || !callsOnlyDoubles(tangentBody)) {
      return; // reverse over reverse reports a caller that needs these for other types
    }
    Callee tangent = sig.tangentFunction();
    List<Callee.Param> params = tangent.params();
    Map<String, String> renamed = new HashMap<>();
    for (int i = 0; i < diff.size(); i++) {
      renamed.put(tangentNames.get(i), params.get(sig.params().size() + i).name());
    }
    // Callers read fTangent's gradient by its parameters' names: the body's tangents take them.
    renamed.entrySet().removeIf(e -> e.getKey().equals(e.getValue()));
    Names taken = Names.of(List.of(), tangentBody);
    if (!renamed.values().stream().allMatch(n -> taken.fresh(n).equals(n))) {
      return; // a local of the body holds the name (xDot beside x): no pullback functions
    }
    tangentBody = Rewrite.stmts(tangentBody, e -> e instanceof Expr.Var v && renamed.containsKey(v.name())
        ? new Expr.Var(renamed.get(v.name()), v.type()) : e);
    DerivativesEmitter.emit(new Function.Plain(tangent, tangentBody), false, 1, type, value -> false, true);

    Names names = Names.of(sig.params().stream().map(Callee.Param::name).toList(), List.of());
    String g = names.fresh(sig.pullbackCotangentName());
    for (int k = 0; k < diff.size(); k++) {
      Callee pullback = sig.pullbackFunction(diff.get(k), g);
      List<Expr> args = new ArrayList<>();
      sig.params().forEach(p -> args.add(new Expr.Var(p.name(), p.type())));
      for (int i = 0; i < diff.size(); i++) {
        args.add(Exprs.lit(Type.DOUBLE, i == k ? 1 : 0));
      }
      Expr value = new Expr.Prim(Primitive.MUL, List.of(new Expr.Var(g, Type.DOUBLE),
          new Expr.Call(tangent, args, Type.DOUBLE)), Type.DOUBLE, false);
      MethodSpec.Builder m = MethodSpec.methodBuilder(pullback.name())
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addJavadoc("The derivative of {@code $L} with respect to {@code $L}, times {@code $L}, as a function of"
              + " its own, for callers whose second derivatives go reverse over reverse.\n", sig.name(),
              diff.get(k).name(), g)
          .returns(TypeName.DOUBLE);
      DerivativesEmitter.addParams(pullback, m);
      m.addStatement("return $L", ExprWriter.write(value));
      type.addMethod(m.build());
      DerivativesEmitter.emit(new Function.Plain(pullback, List.of(new Stmt.Return(value))), false, 1, type,
          v -> false, true);
    }
  }

  private static boolean doubles(Callee c) {
    return c.returnType() == Type.DOUBLE && c.differentiatedParams().stream().allMatch(p -> p.type() == Type.DOUBLE);
  }

  /** Whether every function the tangent program calls has reverse mode over doubles (tangent functions included). */
  private static boolean callsOnlyDoubles(List<Stmt> body) {
    boolean[] ok = {true};
    Rewrite.stmts(body, e -> {
      if (e instanceof Expr.Call c && !c.callee().isFunctionObject() && !doubles(c.callee())) {
        ok[0] = false;
      }
      return e;
    });
    return ok[0];
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

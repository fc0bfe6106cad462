package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.ReverseOnlyHvp;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import javax.lang.model.element.Modifier;

/**
 * Second derivatives of an order-2 function: a private kernel carrying uᵀ·H·v (forward mode over the
 * tangent program), {@code fHessian}, {@code fHvp}, and {@code fTangent}/{@code fTangentJvp} for callers.
 *
 * <p>For an order-2 function with reverse mode only (a {@code @CustomVjp} function or one that reaches
 * one), reverse over reverse instead: each component of its pullback becomes a function of its own
 * ({@code fPullbackX}, whose value is {@code fVjp}'s pullback and whose reverse mode differentiates the
 * rule's passes or the transposed body), and {@code fHessian} reads their gradients.
 */
final class SecondOrderEmitter {
  private SecondOrderEmitter() {}

  /**
   * {@code fHessian} and {@code fHvp} from a private second-order kernel: forward mode applied to the
   * tangent program, so {@code fSecondOrder(x, v, u)} carries {@code uᵀ H v}.
   */
  static void emit(Derived d, Members members) {
    TypeSpec.Builder type = members.api();
    Callee sig = d.signature();
    String kernel = HigherOrderEmitter.kernelName(sig, 2);
    MethodSpec.Builder second = MethodSpec.methodBuilder(kernel)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("uᵀ·H·v for {@code $L}: forward mode over its tangent program.\n", sig.name())
        .returns(DerivativesEmitter.jvpType(sig));
    second.addParameters(DerivativesEmitter.params(d.secondOrder().kernel()));
    // Entry points check their array directions; the kernel checks its own tangent.
    DerivativesEmitter.printForward(second, sig, d.secondOrder().program());
    type.addMethod(second.build());
    if (sig.recordResult() != null) {
      // A record result: fDerivative only (HigherOrderEmitter), no Hessian of a number; callers of
      // order 2 go through a rule's tangent record, a plain body they take in as their own code.
      if (d.function() instanceof Function.JvpRule) {
        RecordTangentEmitter.emit(sig, kernel, members.internal());
      }
      return;
    }
    if (sig.returnType().isArray()) {
      // An array result: fDerivative (HigherOrderEmitter), no Hessian of a number. Callers take a
      // plain body in as their own code; a custom rule's they call through fTangent, as they call a
      // plain body's where they read fJvp(x, v).tangent() (then fTangent has reverse mode).
      if (!(d.function() instanceof Function.Plain) || !d.tangents().isEmpty()) {
        emitTangentFunction(sig, kernel, members.internal());
      }
      if (d.function() instanceof Function.Plain && !d.tangents().isEmpty() && sig.arrayResultOfDoubles()
          && !sig.internal()) {
        // fVjp(x).pullback(u) read in a body: through fTangent's modes (it has reverse mode here).
        VjpFunctionEmitter.emit(sig, members.internal());
      }
      return;
    }
    emitTangentFunction(sig, kernel, members.internal());
    if (sig.internal()) {
      return; // a rule primal's second derivatives serve its callers' forward mode only
    }
    if (ArrayHessianEmitter.applies(sig)) {
      // A second tangent function at order 2 is the transposed one of a function reaching a rule.
      ArrayHessianEmitter.emit(sig, kernel, !d.tangents().isEmpty(),
          d.tangents().size() > 1 && d.order() == 2 ? d.tangents().get(1).signature() : null, type);
      if (sig.hasGradientFunction()) {
        GradientFunctionEmitter.emit(sig, kernel, !d.tangents().isEmpty(), members.internal());
      }
      if (sig.hasHvpFunction()) {
        HvpFunctionEmitter.emit(sig, members.internal());
      }
      if (GradientTangentEmitter.applies(sig)) {
        GradientTangentEmitter.emit(sig, members.internal());
      }
      return;
    }

    List<String> primals = sig.paramNames();
    List<Callee.Param> diff = sig.differentiatedParams();
    int n = diff.size();
    MethodSpec.Builder hessian = DerivativesEmitter.entryPoint(sig.name() + "Hessian", sig,
        "The Hessian of {@code $L} ({@code jax.hessian}); for one parameter, {@code grad(grad(f))}.\n",
            sig.name());
    if (n == 1) {
      hessian.returns(TypeName.DOUBLE);
      hessian.addStatement("return $L($L, $L, $L).tangent()", kernel, String.join(", ", primals),
          Terms.one(diff.get(0).type()), Terms.one(diff.get(0).type()));
    } else {
      denseHessian(hessian, n, "hessian", (i, j) -> CodeBlock.of("$L($L, $L, $L).tangent()", kernel,
          String.join(", ", primals), basis(diff, i), basis(diff, j)));
    }
    type.addMethod(hessian.build());

    MethodSpec.Builder hvp = DerivativesEmitter.entryPoint(sig.name() + "Hvp", sig,
        "The Hessian of {@code $L} times the vector v ({@code jvp(grad(f))}).\n", sig.name());
    Names hvpNames = Names.of(primals, List.of());
    List<String> vs = hvpDirections(diff, hvpNames);
    addTangents(hvp, diff, vs);
    List<String> components = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // jvp(grad(f)) along v: the outer direction is v, so component i is Σⱼ Hᵢⱼvⱼ even where a rule's
      // second derivatives are not symmetric.
      String component = kernel + "(" + String.join(", ", primals) + ", " + basis(diff, i) + ", "
          + String.join(", ", vs) + ").tangent()";
      // A float result's kernel gives a FloatDual, whose tangent needs no cast.
      boolean narrow = n > 1 && diff.get(i).type() == Type.FLOAT && sig.returnType() != Type.FLOAT;
      components.add(narrow ? "(float) " + component : component);
    }
    if (n == 1) {
      hvp.returns(TypeName.DOUBLE).addStatement("return $L", components.get(0));
    } else {
      hvp.returns(RuntimeTypes.derivatives(sig).nestedClass(sig.gradRecordName()))
          .addStatement("return new $L($L)", sig.gradRecordName(), String.join(", ", components));
    }
    type.addMethod(hvp.build());
  }

  /** The dense {@code double[n][n]} Hessian into the local {@code matrix}, returned, from its {@code entry} [i][j]. */
  static void denseHessian(MethodSpec.Builder m, int n, String matrix, BiFunction<Integer, Integer, CodeBlock> entry) {
    m.returns(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)));
    m.addStatement("double[][] $L = new double[$L][$L]", matrix, n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m.addStatement("$L[$L][$L] = $L", matrix, i, j, entry.apply(i, j));
      }
    }
    m.addStatement("return $L", matrix);
  }

  /** {@code fHvp}'s direction parameters, fresh in {@code names}: {@code v} for one, else {@code vX, vY, ...}. */
  static List<String> hvpDirections(List<Callee.Param> diff, Names names) {
    return diff.stream().map(p -> names.fresh(diff.size() == 1 ? "v"
        : "v" + Names.capitalized(p.name()))).toList();
  }

  /**
   * {@code fTangent(p, v) = J·v} and its forward mode {@code fTangentJvp(p, v, u, w) = (J·v, uᵀ·H·v + J·w)}:
   * what the second order of a caller of {@code f} calls, in {@code Internal} ({@code type}); their
   * calls into the derivatives class are qualified, so that no member of {@code Internal} can shadow them.
   */
  private static void emitTangentFunction(Callee sig, String kernel, TypeSpec.Builder type) {
    List<String> primals = sig.paramNames();
    Names names = Names.of(primals, List.of());
    List<Callee.Param> diff = sig.differentiatedParams();
    List<String> vs = diff.stream().map(p -> names.fresh(p.name() + "Dot")).toList();
    List<String> us = diff.stream().map(p -> names.fresh(p.name() + "Dir")).toList();
    List<String> ws = diff.stream().map(p -> names.fresh(p.name() + "DotDir")).toList();
    TypeName dual = DerivativesEmitter.jvpType(sig);
    ClassName outer = RuntimeTypes.derivatives(sig);
    ClassName jvpHome = RuntimeTypes.home(sig);
    String all = String.join(", ", primals);
    boolean array = sig.returnType().isArray();

    MethodSpec.Builder tangent = DerivativesEmitter.entryPoint(sig.name() + "Tangent", sig,
        "The directional derivative of {@code $L} along the tangents, as a function of its own.\n",
            sig.name())
        .returns(DerivativesEmitter.typeName(sig.returnType()));
    addTangents(tangent, diff, vs);
    tangent.addStatement("return $T.$L($L, $L).tangent()", jvpHome, sig.name() + "Jvp", all, String.join(", ", vs));
    type.addMethod(tangent.build());

    MethodSpec.Builder jvp = DerivativesEmitter.entryPoint(sig.name() + "TangentJvp", sig,
        "Forward mode of {@code $LTangent}: along the primal direction and the tangent direction.\n",
            sig.name())
        .returns(dual);
    List.of(vs, us, ws).forEach(group -> addTangents(jvp, diff, group));
    String second = names.fresh("second");
    jvp.addStatement("$T $L = $T.$L($L, $L, $L)", dual, second, outer, kernel, all, String.join(", ", vs),
        String.join(", ", us));
    CodeBlock along = CodeBlock.of("$T.$L($L, $L).tangent()", jvpHome, sig.name() + "Jvp", all,
        String.join(", ", ws));
    if (array) {
      // An array result's two terms are added element by element.
      jvp.addStatement("return $T.of($L.value(), $T.sum($L.tangent(), $L))", RuntimeTypes.JVP, second,
          RuntimeTypes.ACCUMULATE, second, along);
    } else {
      jvp.addStatement("return $T.of($L.value(), $L.tangent() + $L)", dual, second, second, along);
    }
    type.addMethod(jvp.build());
  }

  /** A parameter of each differentiated parameter's type, named as {@code names} has it. */
  static void addTangents(MethodSpec.Builder m, List<Callee.Param> diff, List<String> names) {
    for (int i = 0; i < diff.size(); i++) {
      m.addParameter(DerivativesEmitter.typeName(diff.get(i).type()), names.get(i));
    }
  }

  /** The i-th basis vector over the differentiated parameters, as arguments. */
  static String basis(List<Callee.Param> diff, int i) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < diff.size(); k++) {
      out.add(k == i ? Terms.one(diff.get(k).type()) : Terms.zero(diff.get(k).type()));
    }
    return String.join(", ", out);
  }

  /**
   * The pullback functions of {@code d}'s function, their derivatives, and {@code fHessian}; its
   * parameters and result are doubles ({@code OrderLimits}).
   */
  static void emitReverseOverReverse(Derived d, Members members) {
    Callee sig = d.signature();
    ClassName outer = RuntimeTypes.home(sig);
    List<Callee.Param> diff = sig.differentiatedParams();
    String args = String.join(", ", sig.paramNames());
    emitPullbacks(d, members, (i, p, g) -> DerivativesEmitter.entryPoint(p.name(), p,
            "The gradient of {@code $L} with respect to {@code $L}, times the output cotangent {@code $L},"
                + " as a function of its own: its reverse mode (reverse over reverse) gives the second derivatives"
                + " of {@code $L} and of its callers.\n", sig.name(), diff.get(i).name(),
                sig.recordResult() == null ? g : sig.pullbackCotangentName(), sig.name())
        // Qualified: it is in Internal, where no member may shadow fVjp.
        .addStatement("return $T.$LVjp($L).pullback($L)$L", outer, sig.name(), args, cotangent(sig, p),
            diff.size() == 1 ? "" : "." + diff.get(i).name() + "()"));
    if (sig.internal()) {
      return; // a pullback function's serve its callers only
    }
    if (sig.returnType().isArray()) {
      // A rule with an array result (ArrayReverseOverReverse.arrayResultRule): fDerivative only.
      ArrayResultReverseEmitter.emit(sig, d.pullbacks().stream().map(Derived::signature).toList(),
          members.api());
    } else if (ReverseOnlyHvp.exists(sig, d.order(), false)) {
      // A function of arrays: fHvp and the Hessian's rows through pullback functions of arrays.
      ArrayReverseHessianEmitter.emit(sig, d.pullbacks().stream().map(Derived::signature).toList(),
          members.api());
    } else {
      emitHessian(sig, d.pullbacks(), members.api());
    }
  }

  /**
   * The output cotangent {@code fVjp}'s pullback takes in pullback function {@code p} of {@code sig}:
   * its last parameter, or a record result's built from its cotangent leaves.
   */
  private static CodeBlock cotangent(Callee sig, Callee p) {
    List<String> gs = p.paramNames().subList(sig.params().size(), p.params().size());
    return sig.recordResult() == null ? CodeBlock.of("$L", gs.get(0))
        : RecordEntryEmitter.build(sig.recordResult().shape(), gs.iterator());
  }

  /**
   * The pullback functions of an order-2 function with forward mode, for callers that reach a
   * {@code @CustomVjp} rule and differentiate reverse over reverse: {@code fPullbackX(p, g)} is
   * {@code g·fTangent(p, eₓ)}, an ordinary function whose reverse mode goes through
   * {@code fTangentVjp}, the reverse mode of the tangent program (none where the derivation found
   * that they cannot be had).
   */
  static void emitFromTangent(Derived d, Members members) {
    if (d.tangents().isEmpty()) {
      return;
    }
    d.tangents().forEach(t -> DerivativesEmitter.emit(t, members));
    if (d.pullbacks().isEmpty()) {
      return; // a function of arrays: its tangent functions' reverse modes serve fHvp only
    }
    Callee sig = d.signature();
    List<Callee.Param> diff = sig.differentiatedParams();
    emitPullbacks(d, members, (k, p, g) -> DerivativesEmitter.entryPoint(p.name(), p,
            "The derivative of {@code $L} with respect to {@code $L}, times {@code $L}, as a function of"
                + " its own, for callers whose second derivatives go reverse over reverse.\n", sig.name(),
            diff.get(k).name(), g)
        .addStatement("return $L",
            ExprWriter.write(((Stmt.Return) d.pullbacks().get(k).function().body().get(0)).value())));
  }

  /**
   * The method of pullback function {@code i}, of signature {@code p} and cotangent {@code g}; the caller
   * sets its return type.
   */
  private interface PullbackMethod {
    MethodSpec.Builder of(int i, Callee p, String g);
  }

  /**
   * Each pullback function of {@code d}, a double (or the gradient array of an array parameter), from
   * {@code method}, and its derivatives.
   */
  private static void emitPullbacks(Derived d, Members members, PullbackMethod method) {
    for (int i = 0; i < d.signature().differentiatedParams().size(); i++) {
      Derived pullback = d.pullbacks().get(i);
      Callee p = pullback.signature();
      members.of(p).addMethod(method.of(i, p, p.params().get(p.params().size() - 1).name())
          .returns(DerivativesEmitter.typeName(p.returnType())).build());
      DerivativesEmitter.emit(pullback, members);
    }
  }

  /**
   * {@code fHessian}: row i is the gradient of pullback component i at the cotangent 1, read from
   * {@code Internal}, where the pullback functions ({@code pullbacks}) are.
   */
  private static void emitHessian(Callee sig, List<Derived> pullbacks, TypeSpec.Builder type) {
    List<Callee.Param> diff = sig.differentiatedParams();
    String args = String.join(", ", sig.paramNames());
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

package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Second derivatives of an order-2 function with an array parameter, from its second-order kernel
 * {@code fSecondOrder(p, v, u) = uᵀ·H·v}: {@code fHvp} (H·v in the gradient's shape, one kernel call
 * per component), and for one array parameter {@code fHessianDiagonal} and the dense {@code fHessian}.
 */
final class ArrayHessianEmitter {
  private ArrayHessianEmitter() {}

  /** Whether {@code sig} has a differentiated array parameter, whose second derivatives are built here. */
  static boolean applies(Callee sig) {
    return sig.differentiatedParams().stream().anyMatch(p -> p.type().isArray());
  }

  /**
   * Adds {@code fHvp}, in one pass where {@code tangentReversed} says that {@code fTangent} has
   * reverse mode, or where a rule is reached through {@code transposed} (tangent function 2 with
   * reverse mode in its inner direction, or null), and for one array parameter
   * {@code fHessianDiagonal} and {@code fHessian}.
   */
  static void emit(Callee sig, String kernel, boolean tangentReversed, Callee transposed, TypeSpec.Builder type) {
    // Reverse over forward gives Hᵀ·v: H·v only where no custom rule makes H asymmetric.
    type.addMethod(transposed != null ? transposedHvp(sig, transposed)
        : tangentReversed && !sig.rulePrimal() ? onePassHvp(sig) : hvp(sig, kernel));
    List<Callee.Param> diff = sig.differentiatedParams();
    if (diff.size() == 1) {
      type.addMethod(diagonal(sig, kernel));
      type.addMethod(hessian(sig, kernel));
    }
  }

  /**
   * {@code fHvp(p, v)} in one pass, reverse over forward: the gradient of {@code fTangent(p, v)} with
   * respect to p is Hᵀ·v, which is H·v since nothing but a custom rule makes H asymmetric.
   */
  private static MethodSpec onePassHvp(Callee sig) {
    List<Callee.Param> diff = sig.differentiatedParams();
    Names names = Names.of(sig.paramNames(), List.of());
    List<String> vs = SecondOrderEmitter.hvpDirections(diff, names);
    Callee tangent = sig.tangentFunction();
    MethodSpec.Builder m = DerivativesEmitter.entryPoint(sig.name() + "Hvp", sig,
        "The Hessian of {@code $L} times the vector v ({@code jvp(grad(f))}), in the gradient's shape:\n"
            + "one pass, reverse mode over the tangent program (the gradient of {@code $LTangent}\n"
            + "with respect to the parameters), a few times the cost of {@code $LGrad}.\n",
        sig.name(), sig.name(), sig.name());
    SecondOrderEmitter.addTangents(m, diff, vs);
    checkDirections(m, diff, vs);
    String gradient = names.fresh("gradient");
    m.addStatement("$T $L = $T.$LGrad($L, $L)", RuntimeTypes.home(tangent).nestedClass(tangent.gradRecordName()),
        gradient, RuntimeTypes.home(tangent), tangent.name(), String.join(", ", sig.paramNames()),
        String.join(", ", vs));
    List<CodeBlock> components = diff.stream().map(p -> CodeBlock.of("$L.$L()", gradient, p.name())).toList();
    if (diff.size() == 1) {
      m.returns(DerivativesEmitter.typeName(diff.get(0).type())).addStatement("return $L", components.get(0));
    } else {
      m.returns(RuntimeTypes.derivatives(sig).nestedClass(sig.gradRecordName()))
          .addStatement("return new $L($L)", sig.gradRecordName(), CodeBlock.join(components, ",$W"));
    }
    return m.build();
  }

  /**
   * {@code fHvp(p, v)} in one pass where a rule is reached: component i of H·v is D²f[eᵢ, v], linear
   * in the inner direction, so H·v is the gradient of {@code fTangent2(p, u, v)} with respect to u
   * alone ({@code transposed}; u = v, any u gives the same).
   */
  private static MethodSpec transposedHvp(Callee sig, Callee transposed) {
    List<Callee.Param> diff = sig.differentiatedParams();
    Names names = Names.of(sig.paramNames(), List.of());
    List<String> vs = SecondOrderEmitter.hvpDirections(diff, names);
    MethodSpec.Builder m = DerivativesEmitter.entryPoint(sig.name() + "Hvp", sig,
        "The Hessian of {@code $L} times the vector v ({@code jvp(grad(f))}), in the gradient's shape:\n"
            + "one pass, reverse mode over the second-order tangent program in its inner direction (a\n"
            + "custom rule is reached, whose tangent differentiated as written need not have a symmetric\n"
            + "Hessian: this is H·v, not Hᵀ·v), a few times the cost of {@code $LGrad}.\n",
        sig.name(), sig.name());
    SecondOrderEmitter.addTangents(m, diff, vs);
    checkDirections(m, diff, vs);
    String gradient = names.fresh("gradient");
    String call = transposed.name() + "Grad(" + String.join(", ", sig.paramNames()) + ", " + String.join(", ", vs)
        + ", " + String.join(", ", vs) + ")";
    List<Callee.Param> inner = transposed.differentiatedParams();
    if (diff.size() == 1) {
      return m.returns(DerivativesEmitter.typeName(diff.get(0).type()))
          .addStatement("return $T.$L", RuntimeTypes.home(transposed), call).build();
    }
    m.addStatement("$T $L = $T.$L", RuntimeTypes.home(transposed).nestedClass(transposed.gradRecordName()), gradient,
        RuntimeTypes.home(transposed), call);
    List<CodeBlock> components = inner.stream().map(p -> CodeBlock.of("$L.$L()", gradient, p.name())).toList();
    return m.returns(RuntimeTypes.derivatives(sig).nestedClass(sig.gradRecordName()))
        .addStatement("return new $L($L)", sig.gradRecordName(), CodeBlock.join(components, ",$W")).build();
  }

  /**
   * {@code fHvp(p, v)}: component i of H·v is {@code fSecondOrder(p, eᵢ, v)} (v the outer direction, as in
   * {@code jvp(grad(f))}), so an array parameter of length n costs n forward-over-forward passes. Used
   * where a custom rule is reached (its tangent differentiated as written need not have a symmetric
   * Hessian, and reverse over forward would give Hᵀ·v) or {@code fTangent} has no reverse mode.
   */
  private static MethodSpec hvp(Callee sig, String kernel) {
    List<Callee.Param> diff = sig.differentiatedParams();
    int n = diff.size();
    Names names = Names.of(sig.paramNames(), List.of());
    List<String> vs = SecondOrderEmitter.hvpDirections(diff, names);
    MethodSpec.Builder m = DerivativesEmitter.entryPoint(sig.name() + "Hvp", sig,
        "The Hessian of {@code $L} times the vector v ({@code jvp(grad(f))}), in the gradient's shape:\n"
            + "one forward-over-forward pass per component of the result, since "
            + (sig.rulePrimal() ? "a custom rule is reached,\n"
                + "whose tangent differentiated as written need not have a symmetric Hessian.\n"
                : "its tangent program has\nno reverse mode (a callee of other types).\n"),
        sig.name());
    SecondOrderEmitter.addTangents(m, diff, vs);
    checkDirections(m, diff, vs);
    String index = names.fresh("j");
    List<CodeBlock> components = new ArrayList<>();
    String head = String.join(", ", sig.paramNames());
    String tail = String.join(", ", vs);
    for (int k = 0; k < n; k++) {
      Callee.Param p = diff.get(k);
      if (!p.type().isArray()) {
        components.add(narrowed(sig, p.type(), CodeBlock.of("$L($L, $L, $L).tangent()", kernel, head,
            units(diff, k, null), tail)));
        continue;
      }
      String out = names.fresh("hvp" + Names.capitalized(p.name()));
      m.addStatement("$L $L = new $L[$L.length]", p.type().javaName(), out, p.type().element().javaName(), p.name());
      m.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", index, index, p.name(), index);
      m.addStatement("$L[$L] = $L", out, index, narrowed(sig, p.type().element(),
          CodeBlock.of("$L($L, $L, $L).tangent()", kernel, head, units(diff, k, index), tail)));
      m.endControlFlow();
      components.add(CodeBlock.of("$L", out));
    }
    if (n == 1) {
      m.returns(DerivativesEmitter.typeName(diff.get(0).type())).addStatement("return $L", components.get(0));
    } else {
      m.returns(RuntimeTypes.derivatives(sig).nestedClass(sig.gradRecordName()))
          .addStatement("return new $L($L)", sig.gradRecordName(), CodeBlock.join(components, ",$W"));
    }
    return m.build();
  }

  /**
   * {@code fHessianDiagonal(x)}: ∂²f/∂xᵢ² for each i, {@code fSecondOrder(x, eᵢ, eᵢ)}: n
   * forward-over-forward passes and n numbers kept, never the n × n matrix.
   */
  private static MethodSpec diagonal(Callee sig, String kernel) {
    Callee.Param x = sig.differentiatedParams().get(0);
    MethodSpec.Builder m = DerivativesEmitter.entryPoint(sig.name() + "HessianDiagonal", sig,
        "The diagonal of the Hessian of {@code $L}, ∂²f/∂$Lᵢ² for each i, without the matrix: one\n"
            + "forward-over-forward pass per element of {@code $L}.\n", sig.name(), x.name(), x.name())
        .returns(DerivativesEmitter.typeName(x.type()));
    Names names = Names.of(sig.paramNames(), List.of());
    String length = declareLength(m, x, names);
    String diagonal = names.fresh("diagonal");
    String index = names.fresh("j");
    String unit = names.fresh("e");
    m.addStatement("$L $L = new $L[$L]", x.type().javaName(), diagonal, x.type().element().javaName(), length);
    m.beginControlFlow("for (int $L = 0; $L < $L; $L++)", index, index, length, index);
    m.addStatement("$L $L = $L", x.type().javaName(), unit, unit(x.type(), length, index));
    m.addStatement("$L[$L] = $L", diagonal, index, narrowed(sig, x.type().element(),
        CodeBlock.of("$L($L, $L, $L).tangent()", kernel, String.join(", ", sig.paramNames()), unit, unit)));
    m.endControlFlow();
    return m.addStatement("return $L", diagonal).build();
  }

  /**
   * {@code fHessian(x)}, dense: entry (i, j) is {@code fSecondOrder(x, eᵢ, eⱼ)} for j ≥ i, mirrored below
   * the diagonal, n(n + 1)/2 forward-over-forward passes; every entry (n² passes) where a custom rule is
   * reached, since a rule's tangent differentiated as written need not have symmetric derivatives.
   */
  private static MethodSpec hessian(Callee sig, String kernel) {
    Callee.Param x = sig.differentiatedParams().get(0);
    MethodSpec.Builder m = DerivativesEmitter.entryPoint(sig.name() + "Hessian", sig,
        "The Hessian of {@code $L} ({@code jax.hessian}) as a dense matrix, entry [i][j] ∂²f/∂$Lᵢ∂$Lⱼ:\n"
            + (sig.rulePrimal() ? "n² forward-over-forward passes (a custom rule is reached). {@code $LHvp} and\n"
                : "n(n + 1)/2 forward-over-forward passes. {@code $LHvp} and\n")
            + "{@code $LHessianDiagonal} need no matrix.\n", sig.name(), x.name(), x.name(), sig.name(),
            sig.name())
        .returns(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)));
    Names names = Names.of(sig.paramNames(), List.of());
    String length = declareLength(m, x, names);
    String hessian = names.fresh("hessian");
    String row = names.fresh("row");
    String column = names.fresh("column");
    m.addStatement("double[][] $L = new double[$L][$L]", hessian, length, length);
    m.beginControlFlow("for (int $L = 0; $L < $L; $L++)", row, row, length, row);
    boolean symmetric = !sig.rulePrimal();
    m.beginControlFlow("for (int $L = $L; $L < $L; $L++)", column, symmetric ? row : "0", column, length, column);
    m.addStatement("$L[$L][$L] = $L($L, $L, $L).tangent()", hessian, row, column, kernel,
        String.join(", ", sig.paramNames()), unit(x.type(), length, row), unit(x.type(), length, column));
    if (symmetric) {
      m.addStatement("$L[$L][$L] = $L[$L][$L]", hessian, column, row, hessian, row, column);
    }
    m.endControlFlow();
    m.endControlFlow();
    return m.addStatement("return $L", hessian).build();
  }

  /** Declares {@code n}, the length of the array parameter {@code x}, checked not null; returns its name. */
  private static String declareLength(MethodSpec.Builder m, Callee.Param x, Names names) {
    String length = names.fresh("n");
    m.addStatement("int $L = $T.length($L, $S)", length, RuntimeTypes.TANGENTS, x.name(), x.name());
    return length;
  }

  /** Each array direction checked against its parameter's length on entry, naming the direction. */
  static void checkDirections(MethodSpec.Builder m, List<Callee.Param> diff, List<String> directions) {
    for (int k = 0; k < diff.size(); k++) {
      if (diff.get(k).type().isArray()) {
        m.addStatement("$T.checkDirection($L, $L, $S, $S)", RuntimeTypes.TANGENTS, diff.get(k).name(),
            directions.get(k), diff.get(k).name(), directions.get(k));
      }
    }
  }

  /**
   * The unit direction over the differentiated parameters with its one on parameter {@code k} (at
   * {@code index} where it is an array), zeros elsewhere, as arguments.
   */
  static CodeBlock units(List<Callee.Param> diff, int k, String index) {
    List<CodeBlock> out = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      Callee.Param p = diff.get(i);
      out.add(i == k && p.type().isArray() ? unit(p.type(), p.name() + ".length", index)
          : CodeBlock.of("$L", i == k ? Terms.one(p.type()) : Terms.zeroLike(p.type(), p.name())));
    }
    return CodeBlock.join(out, ", ");
  }

  /** {@code Jacobians.unit(length, index)} for an array of {@code type}. */
  static CodeBlock unit(Type type, String length, String index) {
    return CodeBlock.of("$T.$L($L, $L)", TangentLeaves.JACOBIANS, type == Type.FLOAT_ARRAY ? "floatUnit" : "unit",
        length, index);
  }

  /** A double kernel's tangent read into a component of {@code type}: cast where that is a float. */
  private static CodeBlock narrowed(Callee sig, Type type, CodeBlock tangent) {
    return type == Type.FLOAT && sig.returnType() != Type.FLOAT ? CodeBlock.of("(float) $L", tangent) : tangent;
  }
}

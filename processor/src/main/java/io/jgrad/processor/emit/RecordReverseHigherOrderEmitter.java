package io.jgrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import java.util.ArrayList;
import java.util.List;

/**
 * The public second derivatives of an order-2 function with records in its signature that has or
 * reaches a {@code @CustomVjp} rule (reverse mode only): reverse over reverse through its flat
 * function's pullback functions, one per differentiated leaf. Row i of the Hessian is the gradient
 * of pullback function i at the cotangent 1 ({@code jacrev(jacrev(f))}: [i][j] differentiates along
 * leaf j the derivative along leaf i), which need not be symmetric where a rule is not the true
 * derivative; {@code fHvp} and {@code fDerivative} contract those rows without assuming it is.
 * Above order 2 {@code fDerivative} goes through the pullback functions of pullback functions.
 */
final class RecordReverseHigherOrderEmitter {
  private RecordReverseHigherOrderEmitter() {}

  /** Adds {@code fHessian}, {@code fHvp} and {@code fDerivative} of {@code sig}, from {@code flat}'s pullbacks. */
  static void emit(RecordSignature sig, Derived flat, TypeSpec.Builder type) {
    if (sig.result() != null) {
      // A record result: its leaves' directional derivatives, as for forward-mode record results.
      type.addMethod(derivative(sig, flat));
      return;
    }
    type.addMethod(hessian(sig, flat));
    type.addMethod(hvp(sig, flat));
    type.addMethod(flat.order() >= 3 ? derivativeOfOrder(sig, flat) : derivative(sig, flat));
  }

  /**
   * {@code fDerivative(p..., pDot1..., ..., pDotn...)} of order n ≥ 3 for a number result: the record
   * directions read leaf by leaf into the flat function's, whose nested pullback functions give it as
   * for a function of numbers (direction 1 the innermost derivative, the rule's own).
   */
  private static MethodSpec derivativeOfOrder(RecordSignature sig, Derived flat) {
    int n = flat.order();
    MethodSpec.Builder m = RecordEntryEmitter.method(sig, "Derivative", "The derivative of order " + n
        + " of {@code $L} along directions 1 to " + n + ", each with one component per\ndifferentiated"
        + " parameter (a record's direction is a record of its type): reverse over reverse,\ndirection 1 the"
        + " innermost derivative.");
    Names names = RecordHigherOrderEmitter.names(sig);
    List<List<String>> directions = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      String suffix = "Dot" + k;
      directions.add(RecordHigherOrderEmitter.directions(sig, m, sig.differentiatedParams().stream()
          .map(p -> names.fresh(p.name() + suffix)).toList()));
    }
    m.returns(TypeName.DOUBLE);
    m.addStatement("return $L", ReverseDerivativeEmitter.sum(flat, m, names, RecordHigherOrderEmitter.primals(sig),
        directions));
    return m.build();
  }

  /**
   * {@code var rowI = f_flatPullbackI...Grad(p..., 1.0)} for each differentiated leaf i, into
   * {@code m}; returns the names of the rows, each a gradient record over the flat parameters.
   */
  private static List<String> rows(RecordSignature sig, Derived flat, MethodSpec.Builder m, Names names) {
    return rows(sig, flat, m, names, List.of("1.0"), "");
  }

  /**
   * The same at the output cotangent {@code cotangent} (one number per leaf of a record result), the
   * rows named {@code rowI} + {@code suffix}.
   */
  private static List<String> rows(RecordSignature sig, Derived flat, MethodSpec.Builder m, Names names,
      List<String> cotangent, String suffix) {
    List<String> args = new ArrayList<>(RecordHigherOrderEmitter.primals(sig));
    args.addAll(cotangent);
    List<Callee.Param> diff = sig.flat().differentiatedParams();
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      Callee pullback = flat.pullbacks().get(i).signature();
      String row = names.fresh("row" + i + suffix);
      m.addStatement("var $L = $T.$LGrad($L)", row, RuntimeTypes.home(pullback), pullback.name(),
          CodeBlock.join(args.stream().map(a -> CodeBlock.of("$L", a)).toList(), ",$W"));
      rows.add(row);
    }
    return rows;
  }

  /** Σⱼ row.leafⱼ() · vⱼ over the flat differentiated leaves, {@code v} the flat direction. */
  private static CodeBlock contract(String row, List<Callee.Param> diff, List<String> v) {
    List<CodeBlock> terms = new ArrayList<>();
    for (int j = 0; j < diff.size(); j++) {
      terms.add(CodeBlock.of("$L.$L() * $L", row, diff.get(j).name(), v.get(j)));
    }
    return CodeBlock.join(terms, " +$W");
  }

  /** {@code fHessian}: the dense matrix, row i the gradient of pullback function i. */
  private static MethodSpec hessian(RecordSignature sig, Derived flat) {
    MethodSpec.Builder m = RecordEntryEmitter.method(sig, "Hessian", "The Hessian of {@code $L}"
        + " ({@code jax.hessian}) over the leaves of its differentiated\nparameters, reverse over reverse through"
        + " its rule; rows and columns in the order\n{@code " + String.join(", ", RecordHigherOrderEmitter.leafReads(sig))
        + "}; [i][j] differentiates along j the derivative along i.");
    Names names = RecordHigherOrderEmitter.names(sig);
    List<Callee.Param> diff = sig.flat().differentiatedParams();
    List<String> rows = rows(sig, flat, m, names);
    String hessian = names.fresh("hessian");
    m.returns(TypeName.get(double[][].class));
    m.addStatement("double[][] $L = new double[$L][]", hessian, diff.size());
    for (int i = 0; i < diff.size(); i++) {
      String row = rows.get(i);
      m.addStatement("$L[$L] = new double[] {$L}", hessian, i,
          CodeBlock.join(diff.stream().map(q -> CodeBlock.of("$L.$L()", row, q.name())).toList(), ",$W"));
    }
    m.addStatement("return $L", hessian);
    return m.build();
  }

  /**
   * {@code fHvp(p..., v...)}: H·v in the gradient's shape ({@code jvp(grad(f))}), component i the
   * gradient of pullback function i along v.
   */
  private static MethodSpec hvp(RecordSignature sig, Derived flat) {
    MethodSpec.Builder m = RecordEntryEmitter.method(sig, "Hvp", "The Hessian of {@code $L} times the vector v"
        + " ({@code jvp(grad(f))}), in the gradient's\nshape, reverse over reverse through its rule: component i"
        + " is Σⱼ H[i][j]·vⱼ.");
    Names names = RecordHigherOrderEmitter.names(sig);
    List<String> direction = RecordHigherOrderEmitter.hvpDirection(sig, m, names);
    List<Callee.Param> diff = sig.flat().differentiatedParams();
    List<CodeBlock> components = rows(sig, flat, m, names).stream().map(row -> contract(row, diff, direction))
        .toList();
    RecordHigherOrderEmitter.returnHv(sig, m, names, components);
    return m.build();
  }

  /**
   * {@code fDerivative(p..., pDot1..., pDot2...)} = Σᵢ Σⱼ dot1ᵢ·H[i][j]·dot2ⱼ: direction 1 the inner
   * derivative (the rule's own), direction 2 the outer one.
   */
  private static MethodSpec derivative(RecordSignature sig, Derived flat) {
    MethodSpec.Builder m = RecordEntryEmitter.method(sig, "Derivative", "The derivative of order 2 of {@code $L}"
        + " along directions 1 and 2, each with one component per differentiated parameter (a record's direction"
        + " is a record of its type): reverse over reverse, direction 1 the inner derivative.");
    Names names = RecordHigherOrderEmitter.names(sig);
    List<List<String>> directions = new ArrayList<>();
    for (int k = 1; k <= 2; k++) {
      String suffix = "Dot" + k;
      directions.add(RecordHigherOrderEmitter.directions(sig, m, sig.differentiatedParams().stream()
          .map(p -> names.fresh(p.name() + suffix)).toList()));
    }
    if (sig.result() == null) {
      m.returns(TypeName.DOUBLE);
      m.addStatement("return $L", contract(sig, flat, m, names, List.of("1.0"), "", directions));
      return m.build();
    }
    // Leaf k of the result: the pullback functions at the cotangent eₖ.
    List<RecordShape.Leaf> leaves = sig.result().leaves();
    List<String> values = new ArrayList<>();
    for (int k = 0; k < leaves.size(); k++) {
      List<String> cotangent = new ArrayList<>();
      for (int l = 0; l < leaves.size(); l++) {
        cotangent.add(l == k ? "1.0" : "0.0");
      }
      String value = names.fresh(leaves.get(k).suffix());
      String suffix = Names.capitalized(leaves.get(k).suffix());
      m.addStatement("double $L = $L", value, contract(sig, flat, m, names, cotangent, suffix, directions));
      values.add(value);
    }
    m.returns(DerivativesEmitter.resultType(sig.flat()));
    m.addStatement("return $L", RecordEntryEmitter.build(sig.result(), values.iterator()));
    return m.build();
  }

  /** Σᵢ dot1ᵢ·(Σⱼ H[i][j]·dot2ⱼ) at the output cotangent {@code cotangent}, its rows put into {@code m}. */
  private static CodeBlock contract(RecordSignature sig, Derived flat, MethodSpec.Builder m, Names names,
      List<String> cotangent, String suffix, List<List<String>> directions) {
    List<Callee.Param> diff = sig.flat().differentiatedParams();
    List<String> rows = rows(sig, flat, m, names, cotangent, suffix);
    List<CodeBlock> terms = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      terms.add(CodeBlock.of("$L * ($L)", directions.get(0).get(i), contract(rows.get(i), diff, directions.get(1))));
    }
    return CodeBlock.join(terms, " +$W");
  }
}

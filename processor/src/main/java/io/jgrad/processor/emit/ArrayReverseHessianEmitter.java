package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
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
 * Second derivatives of a function of arrays (and doubles) that reaches a {@code @CustomVjp} rule,
 * reverse over reverse: its pullback function {@code fPullback(x, g)} returns the gradient array (one
 * pullback function per differentiated parameter, each returning its component), and that function's
 * own reverse mode pulls a cotangent s back to Jᵀ·s, J the Jacobian of the gradient (JAX's
 * {@code jacrev(jacrev(f))}, whose row i is ∂(∇f)ᵢ/∂x): {@code fVhp} is that of v, vᵀ·H in one
 * pass, and {@code fHvp} is H·v, a row per component.
 */
final class ArrayReverseHessianEmitter {
  private ArrayReverseHessianEmitter() {}

  /**
   * {@code fVhp} (vᵀ·H, the pullbacks of v) and {@code fHvp} (H·v, a row of H per component) of
   * {@code sig}, whose pullback functions are {@code pullbacks} (one per differentiated parameter), and
   * for one array parameter {@code fHessian} (row i the pullback of eᵢ).
   */
  static void emit(Callee sig, List<Callee> pullbacks, TypeSpec.Builder type) {
    if (pullbacks.size() == 1) {
      type.addMethod(hessian(sig, pullbacks.get(0)));
    }
    type.addMethod(vhp(sig, pullbacks));
    type.addMethod(hvp(sig, pullbacks));
  }

  private static MethodSpec hessian(Callee sig, Callee pullback) {
    Callee.Param x = sig.differentiatedParams().get(0);
    Names names = Names.of(sig.paramNames(), List.of());
    String args = String.join(", ", sig.paramNames());
    ClassName home = RuntimeTypes.home(pullback);
    String vjp = names.fresh("gradientVjp");
    TypeName vjpType = StmtWriter.vjpType(pullback);
    MethodSpec.Builder hessian = DerivativesEmitter.entryPoint(sig.name() + "Hessian", sig,
        "The Hessian of {@code $L} as a dense matrix ({@code jacrev(jacrev(f))}), reverse over reverse\n"
            + "through its rule: entry [i][j] is ∂(∂f/∂$Lᵢ)/∂$Lⱼ, one pullback of the gradient per row.\n",
        sig.name(), x.name(), x.name())
        .returns(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)));
    String length = names.fresh("n");
    String hessianName = names.fresh("hessian");
    String row = names.fresh("row");
    hessian.addStatement("int $L = $T.length($L, $S)", length, RuntimeTypes.TANGENTS, x.name(), x.name());
    hessian.addStatement("$T $L = $T.$LVjp($L, 1.0)", vjpType, vjp, home, pullback.name(), args);
    hessian.addStatement("double[][] $L = new double[$L][]", hessianName, length);
    hessian.beginControlFlow("for (int $L = 0; $L < $L; $L++)", row, row, length, row);
    CodeBlock read = CodeBlock.of("$L.pullback($L).$L()", vjp, ArrayHessianEmitter.unit(x.type(), length, row),
        x.name());
    // A float[] parameter's rows are float[]s: the Hessian is double[][] as without a rule.
    hessian.addStatement("$L[$L] = $L", hessianName, row, x.type() == Type.FLOAT_ARRAY
        ? CodeBlock.of("$T.widen($L)", RuntimeTypes.FLOAT_VECTORS, read) : read);
    hessian.endControlFlow();
    return hessian.addStatement("return $L", hessianName).build();
  }

  /**
   * {@code fVhp}: vᵀ·H, the gradient of Σₖ ∇ₖf·vₖ, each term the pullback of vₖ through pullback
   * function k (one reverse pass per differentiated parameter), summed per parameter.
   */
  private static MethodSpec vhp(Callee sig, List<Callee> pullbacks) {
    List<Callee.Param> diff = sig.differentiatedParams();
    Directed d = directed(sig, "Vhp",
        // One paragraph: SourceLines wraps it.
        "vᵀ·H for H the Hessian of {@code $L} ($L), in $L: the gradient of ∇f(x)·v, reverse over "
            + "reverse through its rule ({@code grad(lambda x: vdot(grad(f)(x), v))}, PyTorch's "
            + "{@code vhp}). It equals {@code $LHvp} where the rule's second derivatives are "
            + "symmetric, at one pass instead of one per component.\n", sig.name(), rows(sig),
            diff.size() == 1 ? "one pass" : "one pass per parameter", sig.name());
    MethodSpec.Builder hvp = d.method();
    Names names = d.names();
    String args = d.args();
    List<String> vs = d.vs();
    if (diff.size() == 1) {
      return hvp.addStatement("return $T.$LVjp($L, 1.0).pullback($L).$L()", RuntimeTypes.home(pullbacks.get(0)),
          pullbacks.get(0).name(), args, vs.get(0), diff.get(0).name()).build();
    }
    List<String> terms = new ArrayList<>();
    for (int k = 0; k < diff.size(); k++) {
      String term = names.fresh("along" + Names.capitalized(diff.get(k).name()));
      hvp.addStatement("var $L = $T.$LVjp($L, 1.0).pullback($L)", term, RuntimeTypes.home(pullbacks.get(k)),
          pullbacks.get(k).name(), args, vs.get(k));
      terms.add(term);
    }
    List<CodeBlock> components = new ArrayList<>();
    for (Callee.Param p : diff) {
      List<CodeBlock> reads = terms.stream().map(t -> CodeBlock.of("$L.$L()", t, p.name())).toList();
      components.add(p.type().isArray() ? CodeBlock.of("$T.sum($L)", RuntimeTypes.ACCUMULATE,
          CodeBlock.join(reads, ", ")) : CodeBlock.join(reads, " + "));
    }
    return hvp.addStatement("return new $L($L)", sig.gradRecordName(), CodeBlock.join(components, ",$W")).build();
  }

  /**
   * {@code fHvp}: H·v ({@code jvp(grad(f))}), component i row i of H times v, row i the pullback of the
   * unit vector eᵢ through the pullback function of i's parameter: one reverse pass per differentiated
   * component, a row at a time (never the whole matrix).
   */
  private static MethodSpec hvp(Callee sig, List<Callee> pullbacks) {
    List<Callee.Param> diff = sig.differentiatedParams();
    Directed d = directed(sig, "Hvp",
        "H·v for H the Hessian of {@code $L} ($L, JAX's {@code jvp(grad(f))}): component i is "
            + "row i of H times v, row i the pullback of eᵢ through the gradient, one reverse pass per "
            + "component. {@code $LVhp} gives vᵀ·H in $L.\n", sig.name(), rows(sig),
            sig.name(), diff.size() == 1 ? "one pass" : "one pass per parameter");
    MethodSpec.Builder hvp = d.method();
    Names names = d.names();
    String args = d.args();
    List<String> vs = d.vs();
    String i = names.fresh("index");
    List<String> components = new ArrayList<>();
    for (int k = 0; k < diff.size(); k++) {
      Callee.Param p = diff.get(k);
      String component = names.fresh("hv" + Names.capitalized(p.name()));
      String row = names.fresh("row" + Names.capitalized(p.name()));
      CodeBlock rows = CodeBlock.of("$T.$LVjp($L, 1.0)", RuntimeTypes.home(pullbacks.get(k)),
          pullbacks.get(k).name(), args);
      if (p.type().isArray()) {
        String through = names.fresh("through" + Names.capitalized(p.name()));
        hvp.addStatement("var $L = $L", through, rows);
        hvp.addStatement("$T $L = new $T[$L.length]", DerivativesEmitter.typeName(p.type()), component,
            DerivativesEmitter.typeName(p.type().element()), p.name());
        hvp.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", i, i, p.name(), i);
        hvp.addStatement("var $L = $L.pullback($L)", row, through,
            ArrayHessianEmitter.unit(p.type(), p.name() + ".length", i));
        hvp.addStatement("$L[$L] = $L", component, i, rowTimes(p.type().element(), row, diff, vs));
        hvp.endControlFlow();
      } else {
        hvp.addStatement("var $L = $L.pullback($L)", row, rows, Terms.one(p.type()));
        hvp.addStatement("$T $L = $L", DerivativesEmitter.typeName(p.type()), component,
            rowTimes(p.type(), row, diff, vs));
      }
      components.add(component);
    }
    return hvp.addStatement(diff.size() == 1 ? "return $L" : "return new " + sig.gradRecordName() + "($L)",
        String.join(", ", components)).build();
  }

  /** Row {@code row} (a gradient record) times the directions {@code vs}, as a number of {@code type}. */
  private static CodeBlock rowTimes(Type type, String row, List<Callee.Param> diff, List<String> vs) {
    List<CodeBlock> terms = new ArrayList<>();
    for (int k = 0; k < diff.size(); k++) {
      Callee.Param p = diff.get(k);
      terms.add(p.type().isArray()
          ? CodeBlock.of("$T.dot($L.$L(), $L)", RuntimeTypes.ACCUMULATE, row, p.name(), vs.get(k))
          : CodeBlock.of("$L.$L() * $L", row, p.name(), vs.get(k)));
    }
    CodeBlock sum = CodeBlock.join(terms, "$W+ ");
    return type == Type.FLOAT ? CodeBlock.of("(float) ($L)", sum) : sum;
  }

  /**
   * An entry point of {@code sig} with directions ({@code fVhp}, {@code fHvp}): its parameters, then
   * a direction {@code vs} per differentiated one, checked; {@code names} holds all of them, and
   * {@code args} is the primal arguments of a call.
   */
  private record Directed(MethodSpec.Builder method, Names names, String args, List<String> vs) {}

  /** The entry point {@code sig.name() + suffix} with its directions, documented by {@code javadoc}. */
  private static Directed directed(Callee sig, String suffix, String javadoc, Object... javadocArgs) {
    List<Callee.Param> diff = sig.differentiatedParams();
    Names names = Names.of(sig.paramNames(), List.of());
    List<String> vs = SecondOrderEmitter.hvpDirections(diff, names);
    MethodSpec.Builder method = DerivativesEmitter.entryPoint(sig.name() + suffix, sig, javadoc, javadocArgs)
        .returns(returnType(sig, diff));
    SecondOrderEmitter.addTangents(method, diff, vs);
    ArrayHessianEmitter.checkDirections(method, diff, vs);
    return new Directed(method, names, String.join(", ", sig.paramNames()), vs);
  }

  /** How the Javadoc of {@code fVhp} and {@code fHvp} names the rows of the Hessian of {@code sig}. */
  private static String rows(Callee sig) {
    return sig.differentiatedParams().size() == 1 ? "rows as {@code " + sig.name() + "Hessian} has them"
        : "row i ∂(∇f)ᵢ/∂p";
  }

  private static TypeName returnType(Callee sig, List<Callee.Param> diff) {
    return diff.size() == 1 ? DerivativesEmitter.typeName(diff.get(0).type())
        : RuntimeTypes.derivatives(sig).nestedClass(sig.gradRecordName());
  }
}

package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The partial derivatives of a {@code DiffFnN} object of an order-n function, {@code partial(i)}, as
 * objects of their own to order n: the private {@code fPartial(bound..., path)} gives the object of
 * the derivative along the unit directions of the indices on {@code path} (known at run time, so one
 * method serves every partial), whose value is tangent function ℓ ({@code fDerivative} at ℓ = n)
 * and whose {@code jvp}, {@code vjp} and {@code partial} go one order up; at order n they throw,
 * naming the order to compile with.
 *
 * @param sig the function
 * @param order its order
 * @param x the name of the object's vector parameter
 * @param xDot the name of its tangent in {@code jvp}
 * @param args {@code sig}'s arguments read from the vector ({@code x[0]}, or {@code x} itself; a float
 *     narrowed)
 * @param packed whether the vector packs scalar parameters (else it is the one {@code double[]})
 */
record VectorPartials(Callee sig, int order, String x, String xDot, List<CodeBlock> args, boolean packed) {

  /** The name of the private method giving the partials' objects. */
  String methodName() {
    return sig.name() + "Partial";
  }

  /** {@code partial(i)} of the function's own object: the partial along {@code i}. */
  MethodSpec partialOfFunction() {
    String i = FunctionObjectEmitter.free("i", sig.paramNames());
    MethodSpec.Builder m = partialMethod(i);
    checkIndex(m, i);
    return m.addStatement("return $L($L)", methodName(), call(CodeBlock.of("new int[] {$L}", i))).build();
  }

  /** {@code fPartial(bound..., path)}: the object of the derivative along the path's unit directions. */
  MethodSpec method() {
    List<String> taken = new ArrayList<>(sig.paramNames());
    taken.add(x);
    String path = FunctionObjectEmitter.free("path", taken);
    taken.add(path);
    String units = FunctionObjectEmitter.free("e", taken);
    taken.add(units);
    String n = packed ? String.valueOf(sig.differentiatedParams().size()) : x + ".length";
    TypeName vector = ArrayTypeName.of(TypeName.DOUBLE);

    MethodSpec.Builder value = FunctionObjectEmitter.override("value", TypeName.DOUBLE, List.of())
        .addParameter(vector, x).varargs(true)
        .addCode(check(x))
        .addStatement("double[][] $L = $T.units($L, $L)", units, RuntimeTypes.PARTIALS, path, n)
        .addCode("return switch ($L.length) {\n$>", path);
    for (int level = 1; level <= order; level++) {
      value.addCode(level == order ? "default" : "case " + level).addCode(" -> $L;\n", tangentCall(level, units));
    }
    value.addCode("$<};\n");

    // Forward and reverse mode of the derivative of order ℓ: its partials, the derivatives of order ℓ + 1.
    String j = FunctionObjectEmitter.free("j", taken);
    String tangent = FunctionObjectEmitter.free("tangent", taken);
    MethodSpec.Builder jvp = FunctionObjectEmitter.override("jvp", RuntimeTypes.DUAL, List.of())
        .addParameter(vector, x).addParameter(vector, xDot)
        .addCode(check(x))
        .addCode(packed ? CodeBlock.of("$T.requireLength($L, $L, $S);\n", RuntimeTypes.DIFF_FN_N, xDot, n, sig.name())
            : CodeBlock.of("$T.checkLength($L, $L, $S);\n", RuntimeTypes.TANGENTS, x, xDot, x))
        .addStatement("double $L = 0", tangent)
        .beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", j, j, x, j)
        .addStatement("$L += $L[$L] * partial($L).value($L)", tangent, xDot, j, j, x)
        .endControlFlow()
        .addStatement("return $T.of(value($L), $L)", RuntimeTypes.DUAL, x, tangent);
    String outBar = FunctionObjectEmitter.free("outBar", taken);
    String grad = FunctionObjectEmitter.free("grad", taken);
    MethodSpec.Builder vjp = FunctionObjectEmitter.override("vjp", ParameterizedTypeName.get(RuntimeTypes.VJP, vector),
            List.of())
        .addParameter(vector, x).varargs(true)
        .addCode("return new $T<>(value($L), $L -> {\n$>", RuntimeTypes.VJP, x, outBar)
        .addStatement("double[] $L = new double[$L.length]", grad, x)
        .beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", j, j, x, j)
        .addStatement("$L[$L] = $L * partial($L).value($L)", grad, j, outBar, j, x)
        .endControlFlow()
        .addStatement("return $L", grad)
        .addCode("$<});\n");
    String i = FunctionObjectEmitter.free("i", taken);
    MethodSpec.Builder partial = partialMethod(i)
        .beginControlFlow("if ($L.length == $L)", path, order)
        .addStatement("throw new $T($S\n+ $S)", UnsupportedOperationException.class, (sig.internal()
            ? "this function's rule primal" : sig.name()) + " has derivatives to order " + order + " only;",
            " compile it with order = " + (order + 1))
        .endControlFlow();
    checkIndex(partial, i);
    partial.addStatement("return $L($L)", methodName(), call(CodeBlock.of("$T.then($L, $L)", RuntimeTypes.PARTIALS,
        path, i)));

    MethodSpec.Builder m = MethodSpec.methodBuilder(methodName())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("The derivative of {@code $L} along the unit directions of the indices on {@code $L}, as a\n"
            + "function object: what {@code partial(i)} of its objects gives.\n", sig.name(), path)
        .returns(RuntimeTypes.DIFF_FN_N);
    bound().forEach(p -> m.addParameter(DerivativesEmitter.paramType(p), p.name(), Modifier.FINAL));
    m.addParameter(ArrayTypeName.of(TypeName.INT), path, Modifier.FINAL);
    TypeSpec object = FunctionObjectEmitter.anonymous(RuntimeTypes.DIFF_FN_N, value, jvp, vjp)
        .addMethod(partial.build()).build();
    return m.addStatement("return $L", object).build();
  }

  /** The object's length check of {@code vector}: a packed one holds the scalar parameters. */
  private CodeBlock check(String vector) {
    return packed ? CodeBlock.of("$T.requireLength($L, $L, $S);\n", RuntimeTypes.DIFF_FN_N, vector,
        sig.differentiatedParams().size(), sig.name()) : CodeBlock.of("");
  }

  /** A packed vector's index is checked when the partial is asked for; an array's when it is evaluated. */
  private void checkIndex(MethodSpec.Builder partial, String i) {
    if (packed) {
      partial.addStatement("$T.checkIndex($L, $L)", java.util.Objects.class, i, sig.differentiatedParams().size());
    }
  }

  private static MethodSpec.Builder partialMethod(String i) {
    return MethodSpec.methodBuilder("partial")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(RuntimeTypes.DIFF_FN_N)
        .addParameter(TypeName.INT, i);
  }

  private List<Callee.Param> bound() {
    return sig.params().stream().filter(p -> !p.differentiated()).toList();
  }

  /** The bound parameters, then {@code path}, as the arguments of {@link #methodName}. */
  private CodeBlock call(CodeBlock path) {
    List<CodeBlock> out = new ArrayList<>(bound().stream().map(p -> CodeBlock.of("$L", p.name())).toList());
    out.add(path);
    return CodeBlock.join(out, ", ");
  }

  /**
   * Tangent function {@code level} ({@code fDerivative} at the function's order) at the vector,
   * along the unit directions {@code units[0]} to {@code units[level - 1]}.
   */
  private CodeBlock tangentCall(int level, String units) {
    List<CodeBlock> all = new ArrayList<>(args);
    List<Callee.Param> diff = sig.differentiatedParams();
    for (int k = 0; k < level; k++) {
      if (packed) {
        for (int c = 0; c < diff.size(); c++) {
          all.add(FunctionObjectEmitter.fromVector(diff.get(c).type(), units + "[" + k + "][" + c + "]"));
        }
      } else {
        all.add(FunctionObjectEmitter.fromVector(diff.get(0).type(), units + "[" + k + "]"));
      }
    }
    // A rule primal's highest derivative is its tangent function of that order (HigherOrderEmitter).
    boolean derivative = level == order && !sig.internal();
    ClassName home = derivative ? RuntimeTypes.derivatives(sig) : RuntimeTypes.internal(sig);
    String name = derivative ? sig.name() + "Derivative" : Callee.tangentFunctionName(sig.name(), level);
    return CodeBlock.of("$T.$L($L)", home, name, CodeBlock.join(all, ",$W"));
  }
}

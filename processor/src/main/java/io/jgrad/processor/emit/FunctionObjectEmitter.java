package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code f(...)}: the function {@code f} as a first-class differentiable function object
 * ({@code DiffFn1} for one differentiated {@code double}, {@code DiffFn2} for two, {@code DiffFnN}
 * for three or more or for one {@code double[]}), to pass to higher-order differentiable code. The factory takes {@code f}'s non-differentiated parameters and
 * binds them (JAX's {@code partial(f, ...)} over {@code nondiff_argnums}); the object's
 * {@code value}, {@code jvp} and {@code vjp} delegate to {@code f}, {@code fJvp} and {@code fVjp},
 * and at order 2 its {@code rulePrimal()} to {@code fRulePrimal} where {@code f} has one.
 */
final class FunctionObjectEmitter {
  private FunctionObjectEmitter() {}

  /** Whether {@code f} has the shape of a runtime function interface. */
  static boolean applies(Callee sig) {
    return sig.functionObjectType() != null;
  }

  /**
   * Adds the factory {@code f(bound...)} to {@code type}; {@code forward} is false for reverse-only
   * functions; at {@code order} 2 the object also has its partial derivatives as function objects.
   */
  static void emit(Callee sig, boolean forward, int order, TypeSpec.Builder type) {
    if (!applies(sig)) {
      return;
    }
    if (sig.functionObjectType() == Type.FN_N) {
      emitVector(sig, forward, type);
      return;
    }
    List<Callee.Param> diff = sig.differentiatedParams();
    boolean one = diff.size() == 1;
    List<String> all = sig.params().stream().map(Callee.Param::name).toList();
    Names names = Names.of(all, List.of());
    List<String> dots = new ArrayList<>();
    diff.forEach(p -> dots.add(names.fresh(p.name() + "Dot")));
    List<String> diffNames = diff.stream().map(Callee.Param::name).toList();

    MethodSpec.Builder factory = factory(sig, one ? RuntimeTypes.DIFF_FN1 : RuntimeTypes.DIFF_FN2,
        "{@code " + String.join(", ", diffNames) + "}");

    TypeSpec.Builder anonymous = object(sig, sig, forward, all, diffNames, dots);
    if (order == 2) {
      for (int k = 0; k < diff.size(); k++) {
        anonymous.addMethod(partial(sig, forward, k, all, diffNames, dots));
      }
    }
    if (order == 2 && sig.rulePrimal()) {
      // What second derivatives of higher-order code read the object's output through (fRulePrimal).
      anonymous.addMethod(override("rulePrimal", one ? RuntimeTypes.DIFF_FN1 : RuntimeTypes.DIFF_FN2, List.of())
          .addStatement("return $L", object(sig, sig.secondOrderPrimal(), forward, all, diffNames, dots).build())
          .build());
    }
    factory.addStatement("return $L", anonymous.build());
    type.addMethod(factory.build());
  }

  /**
   * The object's {@code value}, {@code jvp} and {@code vjp}, delegating to {@code target} and its
   * generated derivatives: {@code f} itself, or {@code fRulePrimal} for {@code rulePrimal()}.
   */
  private static TypeSpec.Builder object(Callee sig, Callee target, boolean forward, List<String> all,
      List<String> diffNames, List<String> dots) {
    boolean one = diffNames.size() == 1;
    // fRulePrimal and its derivatives are in Internal; f itself is the user's, its derivatives the API.
    ClassName self = RuntimeTypes.home(target);
    ClassName owner = target.internal() ? self : ClassName.bestGuess(target.ownerQualifiedName());
    String args = String.join(", ", all);
    MethodSpec.Builder value = override("value", TypeName.DOUBLE, diffNames)
        .addStatement("return $T.$L($L)", owner, target.name(), args);

    List<String> jvpParams = new ArrayList<>(diffNames);
    jvpParams.addAll(dots);
    List<String> jvpArgs = new ArrayList<>(all);
    jvpArgs.addAll(dots);
    MethodSpec.Builder jvp = override("jvp", RuntimeTypes.DUAL, jvpParams);
    if (forward) {
      jvp.addStatement("return $T.$LJvp($L)", self, target.name(), String.join(", ", jvpArgs));
    } else {
      noForwardMode(sig, jvp);
    }

    TypeName grad2Vjp = ParameterizedTypeName.get(RuntimeTypes.VJP, RuntimeTypes.GRAD2);
    MethodSpec.Builder vjp = override("vjp", one ? RuntimeTypes.SCALAR_VJP : grad2Vjp, diffNames);
    if (one) {
      vjp.addStatement("return $T.$LVjp($L)", self, target.name(), args);
    } else {
      TypeName record = self.nestedClass(target.gradRecordName());
      String inner = free("vjp", all);
      String outBar = free("outBar", all);
      vjp.addStatement("$T $L = $T.$LVjp($L)", ParameterizedTypeName.get(RuntimeTypes.VJP, record), inner, self,
          target.name(), args);
      vjp.addCode(asGrad2(record, inner, outBar, free("grad", all), diffNames));
    }

    return anonymous(one ? RuntimeTypes.DIFF_FN1 : RuntimeTypes.DIFF_FN2, value, jvp, vjp);
  }

  /**
   * {@code derivative()} ({@code DiffFn1}) or {@code partialFirst()}/{@code partialSecond()}
   * ({@code DiffFn2}): the partial derivative k as a function object, whose value and reverse mode
   * are the pullback function {@code fPullbackX} at cotangent 1, and whose forward mode is
   * {@code fTangentJvp} where {@code f} has forward mode.
   */
  private static MethodSpec partial(Callee sig, boolean forward, int k, List<String> all, List<String> diffNames,
      List<String> dots) {
    boolean one = diffNames.size() == 1;
    // The pullback and tangent functions are for generated callers: in Internal.
    ClassName self = RuntimeTypes.internal(sig);
    ClassName fn = one ? RuntimeTypes.DIFF_FN1 : RuntimeTypes.DIFF_FN2;
    String pullback = sig.pullbackName(sig.differentiatedParams().get(k));
    String args = String.join(", ", all);
    MethodSpec.Builder value = override("value", TypeName.DOUBLE, diffNames)
        .addStatement("return $T.$L($L, 1.0)", self, pullback, args);
    List<String> jvpParams = new ArrayList<>(diffNames);
    jvpParams.addAll(dots);
    MethodSpec.Builder jvp = override("jvp", RuntimeTypes.DUAL, jvpParams);
    if (forward) {
      // fTangentJvp(p, v, u, w) = (J·v, uᵀ·H·v + J·w): v the k-th basis vector, u the tangents, w zero.
      List<String> tangentArgs = new ArrayList<>(all);
      for (int j = 0; j < diffNames.size(); j++) {
        tangentArgs.add(j == k ? "1.0" : "0.0");
      }
      tangentArgs.addAll(dots);
      diffNames.forEach(n -> tangentArgs.add("0.0"));
      jvp.addStatement("return $T.$LTangentJvp($L)", self, sig.name(), String.join(", ", tangentArgs));
    } else {
      noForwardMode(sig, jvp);
    }
    ClassName record = self.nestedClass(Character.toUpperCase(pullback.charAt(0)) + pullback.substring(1) + "Grad");
    String inner = free("vjp", all);
    String outBar = free("outBar", all);
    MethodSpec.Builder vjp = override("vjp", one ? RuntimeTypes.SCALAR_VJP
        : ParameterizedTypeName.get(RuntimeTypes.VJP, RuntimeTypes.GRAD2), diffNames);
    vjp.addStatement("$T $L = $T.$LVjp($L, 1.0)", ParameterizedTypeName.get(RuntimeTypes.VJP, record), inner, self,
        pullback, args);
    if (one) {
      vjp.addStatement("return new $T($L.value(), $L -> $L.pullback($L).$L())", RuntimeTypes.SCALAR_VJP, inner,
          outBar, inner, outBar, diffNames.get(0));
    } else {
      vjp.addCode(asGrad2(record, inner, outBar, free("grad", all), diffNames));
    }
    TypeSpec object = anonymous(fn, value, jvp, vjp).build();
    String name = Callee.partialMethod(k, diffNames.size());
    return override(name, fn, List.of()).addStatement("return $L", object).build();
  }

  /**
   * A {@code DiffFnN}: a function of one {@code double[]} takes the vector as it is; one of three or
   * more {@code double}s unpacks it, after checking its length, and packs its gradient record.
   */
  private static void emitVector(Callee sig, boolean forward, TypeSpec.Builder type) {
    List<Callee.Param> diff = sig.differentiatedParams();
    boolean packed = diff.get(0).type() != Type.DOUBLE_ARRAY;
    ClassName self = RuntimeTypes.derivatives(sig);
    ClassName owner = ClassName.bestGuess(sig.ownerQualifiedName());
    List<String> all = sig.params().stream().map(Callee.Param::name).toList();
    String x = packed ? free("x", all) : diff.get(0).name();
    String xDot = free(x + "Dot", all);
    String n = String.valueOf(diff.size());
    TypeName vector = ArrayTypeName.of(TypeName.DOUBLE);

    // The arguments of f, fJvp and fVjp: bound parameters in their places, the rest from the vector.
    List<String> args = new ArrayList<>();
    List<String> dotArgs = new ArrayList<>();
    int i = 0;
    for (Callee.Param p : sig.params()) {
      if (!p.differentiated()) {
        args.add(p.name());
      } else if (packed) {
        dotArgs.add(xDot + "[" + i + "]");
        args.add(x + "[" + i++ + "]");
      } else {
        args.add(x);
        dotArgs.add(xDot);
      }
    }
    List<String> jvpArgs = new ArrayList<>(args);
    jvpArgs.addAll(dotArgs);
    CodeBlock check = packed
        ? CodeBlock.of("$T.requireLength($L, $L, $S);\n", RuntimeTypes.DIFF_FN_N, x, n, sig.name())
        : CodeBlock.of("");

    MethodSpec.Builder factory = factory(sig, RuntimeTypes.DIFF_FN_N, packed
        ? "the vector {@code (" + String.join(", ", diff.stream().map(Callee.Param::name).toList()) + ")}"
        : "{@code " + x + "}");

    MethodSpec.Builder value = MethodSpec.methodBuilder("value").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(TypeName.DOUBLE).addParameter(vector, x).varargs(true)
        .addCode(check)
        .addStatement("return $T.$L($L)", owner, sig.name(), String.join(", ", args));

    MethodSpec.Builder jvp = MethodSpec.methodBuilder("jvp").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(RuntimeTypes.DUAL).addParameter(vector, x).addParameter(vector, xDot);
    if (forward) {
      jvp.addCode(check);
      if (packed) {
        jvp.addStatement("$T.requireLength($L, $L, $S)", RuntimeTypes.DIFF_FN_N, xDot, n, sig.name());
      }
      jvp.addStatement("return $T.$LJvp($L)", self, sig.name(), String.join(", ", jvpArgs));
    } else {
      noForwardMode(sig, jvp);
    }

    TypeName vjpType = ParameterizedTypeName.get(RuntimeTypes.VJP, vector);
    MethodSpec.Builder vjp = MethodSpec.methodBuilder("vjp").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(vjpType).addParameter(vector, x).varargs(true)
        .addCode(check);
    if (!packed) {
      vjp.addStatement("return $T.$LVjp($L)", self, sig.name(), String.join(", ", args));
    } else {
      TypeName record = self.nestedClass(sig.gradRecordName());
      String inner = free("vjp", all);
      String outBar = free("outBar", all);
      String grad = free("grad", all);
      List<String> components = diff.stream().map(p -> grad + "." + p.name() + "()").toList();
      vjp.addStatement("$T $L = $T.$LVjp($L)", ParameterizedTypeName.get(RuntimeTypes.VJP, record), inner, self,
          sig.name(), String.join(", ", args));
      vjp.addCode(CodeBlock.builder()
          .add("return new $T<>($L.value(), $L -> {\n$>", RuntimeTypes.VJP, inner, outBar)
          .addStatement("$T $L = $L.pullback($L)", record, grad, inner, outBar)
          .addStatement("return new double[] {$L}", String.join(", ", components))
          .add("$<});\n")
          .build());
    }

    factory.addStatement("return $L", anonymous(RuntimeTypes.DIFF_FN_N, value, jvp, vjp).build());
    type.addMethod(factory.build());
  }

  /**
   * The public factory {@code f(bound...)}, taking the parameters that are not differentiated, of a
   * function object of {@code ofWhat}.
   */
  private static MethodSpec.Builder factory(Callee sig, TypeName returns, String ofWhat) {
    MethodSpec.Builder factory = MethodSpec.methodBuilder(sig.name())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(returns);
    List<String> bound = new ArrayList<>();
    for (Callee.Param p : sig.params()) {
      if (!p.differentiated()) {
        factory.addParameter(DerivativesEmitter.paramType(p), p.name());
        bound.add(p.name());
      }
    }
    return factory.addJavadoc("{@code $L} as a differentiable function object of $L$L, to pass to"
        + " higher-order code.\n", sig.name(), ofWhat,
        bound.isEmpty() ? "" : ", with {@code " + String.join(", ", bound) + "} bound");
  }

  /** The anonymous {@code fn} with its three methods. */
  private static TypeSpec.Builder anonymous(TypeName fn, MethodSpec.Builder value, MethodSpec.Builder jvp,
      MethodSpec.Builder vjp) {
    return TypeSpec.anonymousClassBuilder("")
        .addSuperinterface(fn)
        .addMethod(value.build())
        .addMethod(jvp.build())
        .addMethod(vjp.build());
  }

  /** JAX raises a TypeError for jvp of a custom_vjp function; a function object can only say so at run time. */
  private static void noForwardMode(Callee sig, MethodSpec.Builder jvp) {
    jvp.addStatement("throw new $T($S)", UnsupportedOperationException.class, sig.name()
        + " has no forward mode: it reaches a @CustomVjp rule; use vjp or grad");
  }

  /**
   * {@code return} the pullback of {@code inner} (a {@code Vjp} of a generated gradient record) as a
   * {@code Vjp<Grad2>}: the record names its components after the parameters, Grad2 is positional.
   */
  private static CodeBlock asGrad2(TypeName record, String inner, String outBar, String grad, List<String> diffNames) {
    return CodeBlock.builder()
        .add("return new $T<>($L.value(), $L -> {\n$>", RuntimeTypes.VJP, inner, outBar)
        .addStatement("$T $L = $L.pullback($L)", record, grad, inner, outBar)
        .addStatement("return new $T($L.$L(), $L.$L())", RuntimeTypes.GRAD2, grad, diffNames.get(0), grad,
            diffNames.get(1))
        .add("$<});\n")
        .build();
  }

  private static String free(String base, List<String> taken) {
    return Names.fresh(base, new HashSet<>(taken));
  }

  private static MethodSpec.Builder override(String name, TypeName returns, List<String> doubles) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
    doubles.forEach(d -> m.addParameter(TypeName.DOUBLE, d));
    return m;
  }
}

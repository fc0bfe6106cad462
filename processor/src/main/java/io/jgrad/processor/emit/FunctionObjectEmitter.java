package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code f(...)}: the function {@code f} as a first-class differentiable function object
 * ({@code DiffFn1} for one differentiated {@code double}, {@code DiffFn2} for two, {@code DiffFnN}
 * for three or more or for one {@code double[]} or {@code float[]}), to pass to higher-order differentiable code. The factory takes {@code f}'s non-differentiated parameters and
 * binds them (JAX's {@code partial(f, ...)} over {@code nondiff_argnums}); the object's
 * {@code value}, {@code jvp} and {@code vjp} delegate to {@code f}, {@code fJvp} and {@code fVjp},
 * and from order 2 on its {@code rulePrimal()} to {@code fRulePrimal} where {@code f} has one.
 */
final class FunctionObjectEmitter {
  private FunctionObjectEmitter() {}

  /**
   * Adds the factory {@code f(bound...)} to {@code type}; {@code forward} is false for reverse-only
   * functions; from {@code order} 2 on the object also has its partial derivatives as function
   * objects, to that order, reverse mode through the pullback functions where {@code f} has them
   * ({@code pullbacks}), else through its tangent functions (a {@code float} in {@code f} or a callee).
   */
  static void emit(Callee sig, boolean forward, boolean pullbacks, int order, TypeSpec.Builder type) {
    if (sig.functionObjectType() == null) {
      return;
    }
    if (sig.functionObjectType() == Type.FN_N) {
      emitVector(sig, forward, order, type);
      return;
    }
    List<String> all = sig.paramNames();
    Names names = Names.of(all, List.of());
    List<String> diffNames = sig.differentiatedParams().stream().map(Callee.Param::name).toList();
    Scalars f = new Scalars(sig, forward, all, diffNames, diffNames.stream().map(n -> names.fresh(n + "Dot")).toList());
    TypeSpec.Builder anonymous = f.object(sig);
    DerivativeObjects derivatives = new DerivativeObjects(sig, order, f.fn(), all, diffNames, f.dots());
    if (order >= 2 && forward && !pullbacks) {
      derivatives.partials(List.of()).forEach(anonymous::addMethod);
    } else if (order >= 2) {
      for (int k = 0; k < diffNames.size(); k++) {
        // Higher derivatives' objects go through the tangent functions, which reverse-only functions lack.
        anonymous.addMethod(f.partial(k, forward ? derivatives.partials(List.of(k)) : List.of()));
      }
    }
    if (order >= 2 && sig.rulePrimal()) {
      // What derivatives of higher-order code read the object's output through (fRulePrimal), itself
      // differentiated to one order less.
      TypeSpec.Builder primal = f.object(sig.secondOrderPrimal());
      if (order >= 3) {
        new DerivativeObjects(sig.secondOrderPrimal(), order - 1, f.fn(), all, diffNames, f.dots())
            .partials(List.of()).forEach(primal::addMethod);
      }
      anonymous.addMethod(override("rulePrimal", f.fn(), List.of())
          .addStatement("return $L", primal.build())
          .build());
    }
    type.addMethod(factory(sig, f.fn(), "{@code " + String.join(", ", diffNames) + "}")
        .addStatement("return $L", anonymous.build())
        .build());
  }

  /**
   * The objects of a {@code DiffFn1} or {@code DiffFn2} {@code sig}: its parameters' names
   * ({@code all}), the differentiated ones' and their tangents' ({@code dots}).
   */
  private record Scalars(Callee sig, boolean forward, List<String> all, List<String> diffNames,
      List<String> dots) {
    ClassName fn() {
      return diffNames.size() == 1 ? RuntimeTypes.DIFF_FN1 : RuntimeTypes.DIFF_FN2;
    }

    /**
     * The object's {@code value}, {@code jvp} and {@code vjp}, delegating to {@code target} and its
     * generated derivatives: {@code f} itself, or {@code fRulePrimal} for {@code rulePrimal()}.
     */
    TypeSpec.Builder object(Callee target) {
      // fRulePrimal and its derivatives are in Internal; f itself is the user's, its derivatives the API.
      ClassName self = RuntimeTypes.home(target);
      ClassName owner = target.internal() ? self : ClassName.bestGuess(target.ownerQualifiedName());
      String args = String.join(", ", arguments(sig, all));
      MethodSpec.Builder value = override("value", TypeName.DOUBLE, diffNames)
          .addStatement("return $T.$L($L)", owner, target.name(), args);
      List<String> jvpArgs = new ArrayList<>(arguments(sig, all));
      jvpArgs.addAll(tangents(sig, dots));
      MethodSpec.Builder vjp = override("vjp", vjpType(), diffNames);
      CodeBlock call = CodeBlock.of("$T.$LVjp($L)", self, target.name(), args);
      if (diffNames.size() == 1) {
        vjp.addStatement("return $L", call);
      } else {
        asGrad2(vjp, self.nestedClass(target.gradRecordName()), call);
      }
      return anonymous(fn(), value, jvp("return $T.$LJvp($L)$L", self, target.name(), String.join(", ", jvpArgs),
          toDual(target)), vjp);
    }

    /**
     * {@code derivative()} ({@code DiffFn1}) or {@code partialFirst()}/{@code partialSecond()}
     * ({@code DiffFn2}): the partial derivative k as a function object, whose value and reverse mode
     * are the pullback function {@code fPullbackX} at cotangent 1, and whose forward mode is
     * {@code fTangentJvp} where {@code f} has forward mode.
     */
    MethodSpec partial(int k, List<MethodSpec> itsPartials) {
      // The pullback and tangent functions are for generated callers: in Internal.
      ClassName self = RuntimeTypes.internal(sig);
      String pullback = sig.pullbackName(sig.differentiatedParams().get(k));
      String args = String.join(", ", all);
      MethodSpec.Builder value = override("value", TypeName.DOUBLE, diffNames)
          .addStatement("return $T.$L($L, 1.0)", self, pullback, args);
      // fTangentJvp(p, v, u, w) = (J·v, uᵀ·H·v + J·w): v the k-th basis vector, u the tangents, w zero.
      List<String> tangentArgs = new ArrayList<>(all);
      for (int j = 0; j < diffNames.size(); j++) {
        tangentArgs.add(j == k ? "1.0" : "0.0");
      }
      tangentArgs.addAll(dots);
      diffNames.forEach(n -> tangentArgs.add("0.0"));
      MethodSpec.Builder jvp = jvp("return $T.$LTangentJvp($L)", self, sig.name(), String.join(", ", tangentArgs));
      ClassName record = self.nestedClass(Names.capitalized(pullback) + "Grad");
      CodeBlock call = CodeBlock.of("$T.$LVjp($L, 1.0)", self, pullback, args);
      MethodSpec.Builder vjp = override("vjp", vjpType(), diffNames);
      if (diffNames.size() == 1) {
        String inner = free("vjp", all);
        String outBar = free("outBar", all);
        vjp.addStatement("$T $L = $L", ParameterizedTypeName.get(RuntimeTypes.VJP, record), inner, call);
        vjp.addStatement("return new $T($L.value(), $L -> $L.pullback($L).$L())", RuntimeTypes.SCALAR_VJP, inner,
            outBar, inner, outBar, diffNames.get(0));
      } else {
        asGrad2(vjp, record, call);
      }
      TypeSpec.Builder object = anonymous(fn(), value, jvp, vjp);
      itsPartials.forEach(object::addMethod);
      return override(Callee.partialMethod(k, diffNames.size()), fn(), List.of())
          .addStatement("return $L", object.build())
          .build();
    }

    /** {@code jvp(x..., xDot...)}: the statement given, or, without forward mode, an exception. */
    private MethodSpec.Builder jvp(String format, Object... args) {
      List<String> params = new ArrayList<>(diffNames);
      params.addAll(dots);
      MethodSpec.Builder jvp = override("jvp", RuntimeTypes.DUAL, params);
      return forward ? jvp.addStatement(format, args) : noForwardMode(sig, jvp);
    }

    private TypeName vjpType() {
      return diffNames.size() == 1 ? RuntimeTypes.SCALAR_VJP
          : ParameterizedTypeName.get(RuntimeTypes.VJP, RuntimeTypes.GRAD2);
    }

    /**
     * {@code return} the pullback of {@code call} (a {@code Vjp} of a generated gradient record) as a
     * {@code Vjp<Grad2>}: the record names its components after the parameters, Grad2 is positional.
     */
    private void asGrad2(MethodSpec.Builder vjp, TypeName record, CodeBlock call) {
      repack(vjp, record, call, all, grad -> CodeBlock.of("new $T($L.$L(), $L.$L())", RuntimeTypes.GRAD2, grad,
          diffNames.get(0), grad, diffNames.get(1)));
    }
  }

  /**
   * A {@code DiffFnN}: a function of one {@code double[]} takes the vector as it is; one of three or
   * more {@code double}s unpacks it, after checking its length, and packs its gradient record. From
   * order 2 on its {@code partial(i)} gives the partial derivatives' objects ({@link VectorPartials}).
   */
  private static void emitVector(Callee sig, boolean forward, int order, TypeSpec.Builder type) {
    List<Callee.Param> diff = sig.differentiatedParams();
    boolean packed = !diff.get(0).type().isArray();
    List<String> all = sig.paramNames();
    String x = packed ? free("x", all) : diff.get(0).name();
    String xDot = free(x + "Dot", all);

    // The arguments of f, fJvp and fVjp: bound parameters in their places, the rest from the vector,
    // a float narrowed as a cast narrows it.
    List<CodeBlock> args = new ArrayList<>();
    List<CodeBlock> dotArgs = new ArrayList<>();
    int i = 0;
    for (Callee.Param p : sig.params()) {
      if (!p.differentiated()) {
        args.add(CodeBlock.of("$L", p.name()));
      } else if (packed) {
        dotArgs.add(fromVector(p.type(), xDot + "[" + i + "]"));
        args.add(fromVector(p.type(), x + "[" + i++ + "]"));
      } else {
        args.add(fromVector(p.type(), x));
        dotArgs.add(fromVector(p.type(), xDot));
      }
    }
    Vector v = new Vector(sig, packed, x, xDot, args, dotArgs);
    TypeSpec.Builder object = v.object(sig, forward);
    List<MethodSpec> partialObjects = new ArrayList<>();
    if (order >= 2 && forward) {
      // The partials' objects go through the tangent functions, which reverse-only functions lack.
      VectorPartials partials = new VectorPartials(sig, order, x, xDot, args, packed);
      object.addMethod(partials.partialOfFunction());
      partialObjects.add(partials.method());
    } else if (order >= 2) {
      object.addMethod(MethodSpec.methodBuilder("partial").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
          .returns(RuntimeTypes.DIFF_FN_N).addParameter(TypeName.INT, free("i", all))
          .addStatement("throw new $T($S)", UnsupportedOperationException.class, sig.name() + " has no forward"
              + " mode: it reaches a @CustomVjp rule, and the partials of a DiffFnN go through forward mode")
          .build());
    }
    if (order >= 2 && sig.rulePrimal()) {
      // What derivatives of higher-order code read the object's output through (fRulePrimal), itself
      // differentiated to one order less.
      Callee primal = sig.secondOrderPrimal();
      TypeSpec.Builder primalObject = v.object(primal, forward);
      if (order >= 3 && forward) {
        VectorPartials partials = new VectorPartials(primal, order - 1, x, xDot, args, packed);
        primalObject.addMethod(partials.partialOfFunction());
        partialObjects.add(partials.method());
      }
      object.addMethod(override("rulePrimal", RuntimeTypes.DIFF_FN_N, List.of())
          .addStatement("return $L", primalObject.build())
          .build());
    }
    type.addMethod(factory(sig, RuntimeTypes.DIFF_FN_N, packed
        ? "the vector {@code (" + String.join(", ", diff.stream().map(Callee.Param::name).toList()) + ")}"
        : "{@code " + x + "}")
        .addStatement("return $L", object.build())
        .build());
    partialObjects.forEach(type::addMethod);
  }

  /**
   * The vector form of a {@code DiffFnN} {@code sig}: whether it packs scalars, the vector's and its
   * tangent's names, and the arguments of {@code sig} and of its tangents read from them.
   */
  private record Vector(Callee sig, boolean packed, String x, String xDot, List<CodeBlock> args,
      List<CodeBlock> dotArgs) {
    /**
     * The object's {@code value}, {@code jvp} and {@code vjp}, delegating to {@code target} and its
     * generated derivatives: {@code f} itself, or {@code fRulePrimal} for {@code rulePrimal()}.
     */
    TypeSpec.Builder object(Callee target, boolean forward) {
      // fRulePrimal and its derivatives are in Internal; f itself is the user's, its derivatives the API.
      ClassName self = RuntimeTypes.home(target);
      ClassName owner = target.internal() ? self : ClassName.bestGuess(target.ownerQualifiedName());
      List<Callee.Param> diff = sig.differentiatedParams();
      String n = String.valueOf(diff.size());
      TypeName vector = ArrayTypeName.of(TypeName.DOUBLE);
      List<CodeBlock> jvpArgs = new ArrayList<>(args);
      jvpArgs.addAll(dotArgs);
      CodeBlock check = packed
          ? CodeBlock.of("$T.requireLength($L, $L, $S);\n", RuntimeTypes.DIFF_FN_N, x, n, sig.name())
          : CodeBlock.of("");

      MethodSpec.Builder value = override("value", TypeName.DOUBLE, List.of()).addParameter(vector, x).varargs(true)
          .addCode(check)
          .addStatement("return $T.$L($L)", owner, target.name(), CodeBlock.join(args, ", "));

      MethodSpec.Builder jvp = override("jvp", RuntimeTypes.DUAL, List.of()).addParameter(vector, x)
          .addParameter(vector, xDot);
      if (forward) {
        jvp.addCode(check);
        if (packed) {
          jvp.addStatement("$T.requireLength($L, $L, $S)", RuntimeTypes.DIFF_FN_N, xDot, n, sig.name());
        }
        jvp.addStatement("return $T.$LJvp($L)$L", self, target.name(), CodeBlock.join(jvpArgs, ", "),
            toDual(target));
      } else {
        noForwardMode(sig, jvp);
      }

      MethodSpec.Builder vjp = override("vjp", ParameterizedTypeName.get(RuntimeTypes.VJP, vector), List.of())
          .addParameter(vector, x).varargs(true)
          .addCode(check);
      CodeBlock call = CodeBlock.of("$T.$LVjp($L)", self, target.name(), CodeBlock.join(args, ", "));
      if (!packed && diff.get(0).type() == Type.DOUBLE_ARRAY) {
        vjp.addStatement("return $L", call);
      } else if (!packed) {
        // A float[] function's gradient is a float[]: widened, exactly.
        repack(vjp, ArrayTypeName.of(TypeName.FLOAT), call, sig.paramNames(),
            grad -> CodeBlock.of("$T.widen($L)", RuntimeTypes.FLOAT_VECTORS, grad));
      } else {
        repack(vjp, self.nestedClass(target.gradRecordName()), call, sig.paramNames(), grad -> CodeBlock.of(
            "new double[] {$L}", String.join(", ", diff.stream().map(p -> grad + "." + p.name() + "()").toList())));
      }
      return anonymous(RuntimeTypes.DIFF_FN_N, value, jvp, vjp);
    }
  }

  /**
   * A differentiated parameter of type {@code type} read from the object's doubles {@code read}: a
   * {@code float} narrowed as a cast narrows it, a {@code float[]} element by element.
   */
  static CodeBlock fromVector(Type type, String read) {
    return type == Type.FLOAT ? CodeBlock.of("(float) $L", read)
        : type == Type.FLOAT_ARRAY ? CodeBlock.of("$T.narrow($L)", RuntimeTypes.FLOAT_VECTORS, read)
        : CodeBlock.of("$L", read);
  }

  /**
   * The public factory {@code f(bound...)}, taking the parameters that are not differentiated, of a
   * function object of {@code ofWhat}.
   */
  private static MethodSpec.Builder factory(Callee sig, TypeName returns, String ofWhat) {
    MethodSpec.Builder factory = MethodSpec.methodBuilder(sig.name())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(returns);
    List<Callee.Param> bound = sig.params().stream().filter(p -> !p.differentiated()).toList();
    bound.forEach(p -> factory.addParameter(DerivativesEmitter.paramType(p), p.name()));
    return factory.addJavadoc("{@code $L} as a differentiable function object of $L$L, to pass to"
        + " higher-order code.\n", sig.name(), ofWhat, bound.isEmpty() ? ""
        : ", with {@code " + String.join(", ", bound.stream().map(Callee.Param::name).toList()) + "} bound");
  }

  /** The anonymous {@code fn} with its three methods. */
  static TypeSpec.Builder anonymous(TypeName fn, MethodSpec.Builder value, MethodSpec.Builder jvp,
      MethodSpec.Builder vjp) {
    return TypeSpec.anonymousClassBuilder("")
        .addSuperinterface(fn)
        .addMethod(value.build())
        .addMethod(jvp.build())
        .addMethod(vjp.build());
  }

  /** JAX raises a TypeError for jvp of a custom_vjp function; a function object can only say so at run time. */
  private static MethodSpec.Builder noForwardMode(Callee sig, MethodSpec.Builder jvp) {
    return jvp.addStatement("throw new $T($S)", UnsupportedOperationException.class, sig.name()
        + " has no forward mode: it reaches a @CustomVjp rule; use vjp or grad");
  }

  /**
   * {@code Vjp<R> vjp = call;} then {@code return} its pullback as a {@code Vjp} whose gradient is
   * {@code gradient} of the record {@code R} the inner pullback gives.
   */
  private static void repack(MethodSpec.Builder vjp, TypeName record, CodeBlock call, List<String> all,
      java.util.function.Function<String, CodeBlock> gradient) {
    String inner = free("vjp", all);
    String outBar = free("outBar", all);
    String grad = free("grad", all);
    vjp.addStatement("$T $L = $L", ParameterizedTypeName.get(RuntimeTypes.VJP, record), inner, call)
        .addCode("return new $T<>($L.value(), $L -> {\n$>", RuntimeTypes.VJP, inner, outBar)
        .addStatement("$T $L = $L.pullback($L)", record, grad, inner, outBar)
        .addStatement("return $L", gradient.apply(grad))
        .addCode("$<});\n");
  }

  /**
   * The arguments passing the object's doubles on to {@code sig}'s parameters {@code names}: a
   * {@code float} one narrowed, as the function narrows it, the bound ones as they are.
   */
  static List<String> arguments(Callee sig, List<String> names) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Callee.Param p = sig.params().get(i);
      out.add(p.differentiated() && p.type() == Type.FLOAT ? "(float) " + names.get(i) : names.get(i));
    }
    return out;
  }

  /** The tangents {@code dots} of {@code sig}'s differentiated parameters, a float one narrowed. */
  static List<String> tangents(Callee sig, List<String> dots) {
    List<Callee.Param> diff = sig.differentiatedParams();
    return IntStream.range(0, dots.size())
        .mapToObj(i -> (diff.get(i).type() == Type.FLOAT ? "(float) " : "") + dots.get(i)).toList();
  }

  /** The number {@code one} or zero as a literal of the type of differentiated parameter {@code i}. */
  static String basis(Callee sig, int i, boolean one) {
    return (one ? "1.0" : "0.0") + (sig.differentiatedParams().get(i).type() == Type.FLOAT ? "f" : "");
  }

  /** What turns the result of {@code target}'s {@code Jvp} into a {@code Dual}: a FloatDual's widening. */
  static String toDual(Callee target) {
    return target.returnType() == Type.FLOAT ? ".toDual()" : "";
  }

  static String free(String base, List<String> taken) {
    return Names.fresh(base, new HashSet<>(taken));
  }

  static MethodSpec.Builder override(String name, TypeName returns, List<String> doubles) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns)
        .addParameters(doubles.stream().map(d -> ParameterSpec.builder(TypeName.DOUBLE, d).build()).toList());
  }
}

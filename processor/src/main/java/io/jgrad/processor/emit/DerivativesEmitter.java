package io.jgrad.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Linearized;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Type;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the members of a {@code ...Derivatives} class for one differentiable function:
 * {@code fJvp}, {@code fVjp}, {@code fGrad}, {@code fValueAndGrad}, the gradient record and the
 * function object {@code f(...)}.
 */
public final class DerivativesEmitter {
  private DerivativesEmitter() {}

  /**
   * Adds the members of {@code d}'s function, and of the functions its second derivatives call, to
   * {@code members}: the API to the derivatives class, the rest to its {@code Internal}.
   */
  public static void emit(Derived d, Members members) {
    NarrowParams.printing(d.signature(), () -> emitMembers(d, members));
  }

  private static void emitMembers(Derived d, Members members) {
    Function f = d.function();
    Callee sig = f.signature();
    if (!sig.internal()) {
      // Pullback, tangent and flat functions (f_flat) are for generated code: no function object of their own.
      FunctionObjectEmitter.emit(sig, d.forward() && !(f instanceof Function.VjpRule), !d.pullbacks().isEmpty(),
          d.order(), members.api());
    }
    if (f instanceof Function.VjpRule rule) {
      Sweeps sweeps = RuleSweeps.fromVjpRule(rule);
      emitReverse(sig, sig.internal() ? sweeps : RuleSweeps.fromVjpRule(rule, true), sweeps, sweeps, members, false,
          false);
    } else {
      if (d.forward()) {
        members.of(sig).addMethod(jvpMethod(d).build());
      }
      emitReverse(d, members);
    }
    if (!sig.internal() && sig.returnType() != null && sig.returnType().isArray()) {
      JacobianEmitter.emit(JacobianSignature.of(sig, d.forward() && !(f instanceof Function.VjpRule)), members.api());
    }
    emitHigherOrders(d, members);
    if (d.order() >= 2 && !sig.internal() && sig.differentiatedParams().size() > 1
        && !ArrayHessianEmitter.applies(sig) && !(sig.returnType() != null && sig.returnType().isArray())) {
      HessianByNameEmitter.emit(sig, members.api());
    }
  }

  /**
   * The second and higher derivatives of {@code d}'s function, to its order: forward over forward, or
   * reverse over reverse for a function with reverse mode only.
   */
  static void emitHigherOrders(Derived d, Members members) {
    Callee sig = d.signature();
    // A @CustomVjp function has no forward mode, so no second order by forward over forward.
    if (d.secondOrder() != null) {
      SecondOrderEmitter.emit(d, members);
      HigherOrderEmitter.emit(d, members);
      SecondOrderEmitter.emitFromTangent(d, members);
    } else if (d.order() >= 2) {
      // Reverse only: derivatives above the first by reverse over reverse, through the pullback functions.
      SecondOrderEmitter.emitReverseOverReverse(d, members);
      if (d.order() >= 3 && !sig.internal() && sig.arraysReverseOverReverse()) {
        ArrayReverseDerivativeEmitter.emit(d, members.api());
      } else if (d.order() >= 3 && !sig.internal()) {
        ReverseDerivativeEmitter.emit(d, members.api());
      }
    }
  }

  /**
   * {@code return fVjp(args).pullback(1.0)}: a gradient read from the function's pullback; a float
   * parameter's derivative is narrowed back from the pullback's double, as fGrad's sweep narrows it.
   */
  static MethodSpec.Builder returnGradThroughVjp(MethodSpec.Builder m, TypeName grad, String name, List<String> args) {
    return m.addStatement("return $L$LVjp($L).pullback(1.0)", grad.equals(TypeName.FLOAT) ? "(float) " : "", name,
        String.join(", ", args));
  }

  /** {@code fJvp}: the user's rule called, or the linearized body printed. */
  private static MethodSpec.Builder jvpMethod(Derived d) {
    Callee sig = d.signature();
    MethodSpec.Builder jvpMethod = entryPoint(sig.name() + "Jvp", sig,
        "The value of {@code $L} and its directional derivative along the tangents ({@code jax.jvp}).\n",
            sig.name())
        .returns(jvpType(sig));
    if (d.function() instanceof Function.JvpRule rule) {
      RuleSweeps.ruleJvp(rule, jvpMethod);
    } else if (d.function() instanceof Function.JvpsRules rules) {
      RuleSweeps.perParameterJvp(rules, jvpMethod);
    } else {
      printForward(jvpMethod, sig, d.jvp());
    }
    return jvpMethod;
  }

  /** The tangent parameters of {@code sig}'s differentiated parameters in {@code program}, and its body. */
  static void printForward(MethodSpec.Builder m, Callee sig, Derived.Forward program) {
    Linearized jvp = program.linearized();
    for (Callee.Param p : sig.differentiatedParams()) {
      m.addParameter(typeName(p.type()), jvp.tangents().get(p.name()).name());
      checkTangentLength(m, p, jvp.tangents().get(p.name()).name());
    }
    m.addCode(new JvpWriter(program.names()).write(jvp.program()));
  }

  /** A tangent array of another length than its primal is an exception on entry, not a wrong number. */
  static void checkTangentLength(MethodSpec.Builder jvpMethod, Callee.Param p, String tangent) {
    if (p.type().isArray()) {
      jvpMethod.addStatement("$T.checkLength($L, $L, $S)", RuntimeTypes.TANGENTS, p.name(), tangent, p.name());
    }
  }

  /** {@code fVjp}, {@code fGrad}, {@code fValueAndGrad} and the gradient record from the two sweeps. */
  static void emitReverse(Callee sig, Sweeps sweeps, Members members) {
    emitReverse(sig, sweeps, sweeps, sweeps, members, false, false);
  }

  /** The same from {@code d}'s sweeps, each placed for the entry point that prints it. */
  static void emitReverse(Derived d, Members members) {
    Callee sig = d.signature();
    Sweeps vjp = Sweeps.print(d.vjp(), sig);
    if (!d.internal()) {
      // The public pullback runs later: it reads copies of the arrays the caller may change since.
      PullbackCopies copied = PullbackCopies.of(d.vjp(), sig);
      vjp = Sweeps.print(copied.placed(), sig).withForwardTail(copied.copies());
    }
    emitReverse(sig, vjp, Sweeps.print(d.valueAndGrad(), sig), Sweeps.print(d.grad(), sig), members, d.internal(),
        !d.internal());
  }

  /**
   * The same, {@code fVjp} from {@code sweeps}, {@code fValueAndGrad} from {@code valueAndGradSweeps},
   * {@code fGrad} from {@code gradSweeps}; {@code compact} writes the sweeps once, in {@code fVjp},
   * which {@code fGrad} calls; {@code atCall} says in {@code fVjp}'s Javadoc that its pullback reads
   * the arrays as they were at the call.
   */
  static void emitReverse(Callee sig, Sweeps sweeps, Sweeps valueAndGradSweeps, Sweeps gradSweeps,
      Members members, boolean compact, boolean atCall) {
    TypeSpec.Builder type = members.of(sig);
    TypeName grad = gradType(sig);
    if (!sig.hasSingleGradient()) {
      type.addType(gradRecord(sig.gradRecordName(), sig.differentiatedParams().stream()
              .map(p -> ParameterSpec.builder(typeName(p.type()), p.name()).build()).toList(),
          "The gradient of {@code $L}, one component per differentiated parameter.\n", sig.name()));
    }
    if (returnsObject(sig)) {
      emitObjectResultVjp(sig, sweeps, type, atCall);
      return;
    }
    // fVjp
    boolean scalar = sig.hasSingleGradient() && !sig.differentiatedParams().get(0).type().isArray();
    MethodSpec.Builder vjpMethod = entryPoint(sig.name() + "Vjp", sig,
        "The value of {@code $L} and its pullback from an output cotangent to the gradient"
            + " ({@code jax.vjp}).$L\n", sig.name(), atCall(sig, atCall))
        .returns(StmtWriter.vjpType(sig));
    returnPullback(vjpMethod, sweeps, scalar ? RuntimeTypes.SCALAR_VJP : RuntimeTypes.VJP, !scalar);
    type.addMethod(vjpMethod.build());

    // fGrad
    MethodSpec.Builder gradMethod = entryPoint(sig.name() + "Grad", sig,
        "The gradient of {@code $L} ({@code jax.grad}).\n", sig.name())
        .returns(grad);
    List<String> args = sig.paramNames();
    if (compact) {
      type.addMethod(returnGradThroughVjp(gradMethod, grad, sig.name(), args).build());
      return;
    }
    sweepOnce(gradSweeps, gradMethod);
    gradMethod.addStatement("return $L", gradSweeps.gradient());
    type.addMethod(gradMethod.build());

    // fValueAndGrad
    MethodSpec.Builder vgMethod = entryPoint(sig.name() + "ValueAndGrad", sig,
        "The value and the gradient of {@code $L} ({@code jax.value_and_grad}).\n", sig.name());
    if (sig.differentiatedParams().stream().noneMatch(p -> p.type().isArray())) {
      // One straight sweep, like fGrad: no pullback closure, no Vjp object (the reverse sweep reads
      // primal values but never assigns them, so the value is still there at the end).
      sweepOnce(valueAndGradSweeps, vgMethod);
      returnValueAndGrad(vgMethod, scalar, grad, valueAndGradSweeps.value(), valueAndGradSweeps.gradient());
    } else {
      String vjp = Names.of(args, List.of()).fresh("vjp");
      vgMethod.addStatement("$T $L = $LVjp($L)", StmtWriter.vjpType(sig), vjp, sig.name(), String.join(", ", args));
      returnValueAndGrad(vgMethod, scalar, grad, vjp + ".value()", vjp + ".pullback(1.0)");
    }
    type.addMethod(vgMethod.build());
  }

  /**
   * {@code return new ValueAndGrad<>(value, gradient)}, and that return type; for a {@code scalar}
   * gradient a {@code ValueAndDerivative}.
   */
  static MethodSpec.Builder returnValueAndGrad(MethodSpec.Builder m, boolean scalar, TypeName grad, Object value,
      Object gradient) {
    ClassName type = scalar ? RuntimeTypes.VALUE_AND_DERIVATIVE : RuntimeTypes.VALUE_AND_GRAD;
    return m.returns(scalar ? type : ParameterizedTypeName.get(type, grad.box()))
        .addStatement("return new $T$L($L, $L)", type, scalar ? "" : "<>", value, gradient);
  }

  /** What {@code fJvp} of {@code sig} returns: a {@code Jvp<T>} of an array or record, else a dual number. */
  static TypeName jvpType(Callee sig) {
    return returnsObject(sig) ? ParameterizedTypeName.get(RuntimeTypes.JVP, resultType(sig))
        : RuntimeTypes.dual(sig.returnType());
  }

  /**
   * Whether {@code sig} returns an array or, as the flat function of a record function, a whole
   * record: its {@code fJvp} gives a {@code Jvp<T>} and its {@code fVjp} a {@code RecordVjp<T, G>}.
   */
  static boolean returnsObject(Callee sig) {
    return sig.returnType() != null && (sig.returnType().isArray() || sig.recordResult() != null);
  }

  /** The Java type of the array or record {@code sig} returns (the record, not the leaf a call reads). */
  static TypeName resultType(Callee sig) {
    return sig.recordResult() != null ? ClassName.bestGuess(sig.recordResult().shape().qualifiedName())
        : typeName(sig.returnType());
  }

  /**
   * {@code fVjp} of a function with an array or record result: a {@code RecordVjp<T, G>} whose
   * pullback takes a cotangent of the result's shape (an array of its length, a record of its type)
   * and transposes the body once for all of it; no {@code fGrad}, which needs a scalar output.
   */
  private static void emitObjectResultVjp(Callee sig, Sweeps sweeps, TypeSpec.Builder type, boolean atCall) {
    MethodSpec.Builder vjpMethod = entryPoint(sig.name() + "Vjp", sig, "The value of {@code $L} and its pullback"
        + " from a cotangent $L to the gradient ({@code jax.vjp}).$L\n", sig.name(),
        sig.recordResult() != null ? "record of the result's type" : "array of the result's length", atCall(sig, atCall))
        .returns(StmtWriter.vjpType(sig));
    returnPullback(vjpMethod, sweeps, RuntimeTypes.RECORD_VJP, true);
    type.addMethod(vjpMethod.build());
  }

  /** The Javadoc line of a public {@code fVjp} of array parameters: when its pullback reads them. */
  private static String atCall(Callee sig, boolean copies) {
    List<String> arrays = sig.params().stream().filter(p -> p.type().isArray()).map(Callee.Param::name).toList();
    return !copies || arrays.isEmpty() ? "" : "\nThe pullback uses {@code " + String.join("}, {@code ", arrays)
        + "} as " + (arrays.size() == 1 ? "it was" : "they were") + " at this call.";
  }

  /** The forward sweep, then {@code return new vjp(value, outBar -> { the reverse sweep; return gradient; })}. */
  private static void returnPullback(MethodSpec.Builder m, Sweeps sweeps, ClassName vjp, boolean diamond) {
    m.addCode(sweeps.forward());
    m.addCode("return new $T$L($L, outBar -> {\n$>", vjp, diamond ? "<>" : "", sweeps.value());
    m.addCode(sweeps.reverse());
    m.addStatement("return $L", sweeps.gradient());
    m.addCode("$<});\n");
  }

  /**
   * The public record {@code name}, a gradient whose components are {@code components}: {@code FGrad}
   * of a function with more than one differentiated parameter.
   */
  static TypeSpec gradRecord(String name, List<ParameterSpec> components, String javadoc, Object... args) {
    return TypeSpec.recordBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc(javadoc, args)
        .recordConstructor(MethodSpec.constructorBuilder().addParameters(components).build())
        .build();
  }

  /** Both sweeps in a row, the output's cotangent one: the body of {@code fGrad} and {@code fValueAndGrad}. */
  private static void sweepOnce(Sweeps sweeps, MethodSpec.Builder m) {
    m.addCode(sweeps.forward());
    if (sweeps.readsSeed()) {
      m.addStatement("double outBar = 1.0");
    }
    m.addCode(sweeps.reverse());
  }

  /** The public static method {@code name}, taking {@code sig}'s parameters, with its Javadoc. */
  static MethodSpec.Builder entryPoint(String name, Callee sig, String javadoc, Object... args) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc(javadoc, args)
        .addParameters(params(sig));
  }

  /** {@code sig}'s parameters, each of its declared type. */
  static List<ParameterSpec> params(Callee sig) {
    return sig.params().stream().map(p -> ParameterSpec.builder(paramType(p), p.name()).build()).toList();
  }

  /**
   * The declared type of a parameter: its own reference type (an enum, an interface) or its
   * {@code char}/{@code byte}/{@code short} where it has one.
   */
  static TypeName paramType(Callee.Param p) {
    return typeName(p.type(), p.javaType());
  }

  /** The declared type of a value of IR type {@code type} whose Java type is {@code javaType}, if known. */
  static TypeName typeName(Type type, String javaType) {
    if (javaType == null) {
      return typeName(type);
    }
    return switch (javaType) {
      case "char" -> TypeName.CHAR;
      case "byte" -> TypeName.BYTE;
      case "short" -> TypeName.SHORT;
      default -> ClassName.bestGuess(javaType);
    };
  }

  /**
   * The gradient's type as {@code sig}'s entry points declare it: one value of its parameter's type for
   * one differentiated parameter, else the generated record.
   */
  static TypeName gradType(Callee sig) {
    if (sig.hasSingleGradient()) {
      return typeName(sig.differentiatedParams().get(0).type());
    }
    return RuntimeTypes.home(sig).nestedClass(sig.gradRecordName());
  }

  static TypeName typeName(Type t) {
    return switch (t) {
      case DOUBLE -> TypeName.DOUBLE;
      case FLOAT -> TypeName.FLOAT;
      case INT -> TypeName.INT;
      case LONG -> TypeName.LONG;
      case BOOLEAN -> TypeName.BOOLEAN;
      case DOUBLE_ARRAY, FLOAT_ARRAY, INT_ARRAY -> com.palantir.javapoet.ArrayTypeName.of(typeName(t.element()));
      case OBJECT -> ClassName.get(String.class);
      case FN1 -> RuntimeTypes.DIFF_FN1;
      case FN2 -> RuntimeTypes.DIFF_FN2;
      case FN_N -> RuntimeTypes.DIFF_FN_N;
    };
  }

  /** The {@code @Generated} annotation, without a date so that builds are reproducible. */
  public static AnnotationSpec generated() {
    return AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
        .addMember("value", "$S", "io.jgrad.processor.JgradProcessor")
        .build();
  }
}

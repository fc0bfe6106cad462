package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The public entry points of a function with records in its signature: {@code fJvp}, {@code fVjp},
 * {@code fGrad}, {@code fValueAndGrad} take and return records and delegate to the flat function
 * {@code f_flat}, unpacking records into leaves on the way in and packing tangents and gradients on
 * the way out. A record result gives {@code Jvp<T>} and {@code RecordVjp<T, G>} and no {@code fGrad}
 * (a gradient needs a scalar output).
 */
public final class RecordEntryEmitter {
  private RecordEntryEmitter() {}

  /**
   * Adds the entry points of {@code sig} to the derivatives class, and the flat function's primal to
   * {@code Internal}, where its derivatives already are.
   */
  public static void emit(RecordSignature sig, Function first, boolean forward, Members members) {
    ClassName self = RuntimeTypes.derivatives(sig.flat());
    TypeName grad = gradType(sig, self);
    TypeSpec.Builder type = members.api();
    members.of(sig.flat()).addMethod(primal(sig));
    if (forward) {
      type.addMethod(first instanceof Function.JvpRule rule ? ruleJvp(sig, rule) : jvp(sig));
    }
    type.addMethod(first instanceof Function.VjpRule rule ? ruleVjp(sig, rule, self, grad) : vjp(sig, self, grad));
    if (sig.result() == null) {
      type.addMethod(gradMethod(sig, grad));
      type.addMethod(valueAndGrad(sig, grad));
    }
    if (sig.differentiatedParams().size() != 1) {
      TypeSpec.Builder record = TypeSpec.recordBuilder(gradRecordName(sig))
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addJavadoc("The gradient of {@code $L}, one component per differentiated parameter (a record's"
              + " gradient is a record of the same type).\n", sig.name());
      MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
      for (RecordSignature.UserParam p : sig.differentiatedParams()) {
        ctor.addParameter(userType(p), p.name());
      }
      record.recordConstructor(ctor.build());
      type.addType(record.build());
    }
  }

  static String gradRecordName(RecordSignature sig) {
    return Character.toUpperCase(sig.name().charAt(0)) + sig.name().substring(1) + "Grad";
  }

  static TypeName gradType(RecordSignature sig, ClassName self) {
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    return diff.size() == 1 ? userType(diff.get(0)) : self.nestedClass(gradRecordName(sig));
  }

  /** Whether the user's gradient is one plain double or float (a {@code ScalarVjp}). */
  private static boolean scalarGradient(RecordSignature sig) {
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    return diff.size() == 1 && diff.get(0).shape() == null && diff.get(0).param().type().isScalar();
  }

  static TypeName userType(RecordSignature.UserParam p) {
    return p.shape() != null ? ClassName.bestGuess(p.shape().qualifiedName()) : DerivativesEmitter.paramType(p.param());
  }

  private static MethodSpec.Builder method(RecordSignature sig, String suffix, String doc) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(sig.name() + suffix)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc(doc + "\n", sig.name());
    for (RecordSignature.UserParam p : sig.params()) {
      m.addParameter(userType(p), p.name());
    }
    return m;
  }

  /**
   * The primal of the flat function, which differentiated callers call for a value: the user's
   * function on records rebuilt from the leaves.
   */
  private static MethodSpec primal(RecordSignature sig) {
    Callee flat = sig.flat();
    return DerivativesEmitter.entryPoint(flat.name(), flat, "{@code $L} on parameters given leaf by leaf.\n",
            sig.name())
        .returns(DerivativesEmitter.returnsObject(flat) ? DerivativesEmitter.resultType(flat)
            : DerivativesEmitter.typeName(flat.returnType()))
        .addStatement("return $T.$L($L)", ClassName.bestGuess(flat.ownerQualifiedName()), sig.name(),
            CodeBlock.join(RecordRuleEmitter.packedParams(sig), ", "))
        .build();
  }

  /** {@code fJvp} of a {@code @CustomJvp} function: the user's rule, called once. */
  private static MethodSpec ruleJvp(RecordSignature sig, Function.JvpRule rule) {
    MethodSpec.Builder m = method(sig, "Jvp", "The value of {@code $L} and its directional derivative along the"
        + " tangents, from its rule ({@code jax.jvp}).");
    List<String> args = new ArrayList<>(userArgs(sig));
    for (RecordSignature.UserParam p : sig.differentiatedParams()) {
      m.addParameter(userType(p), p.name() + "Dot");
      if (p.shape() == null && p.param().type().isArray()) {
        m.addStatement("$T.tangent($L, $L, $S, $S)", RuntimeTypes.RULE_CHECKS, p.name(), p.name() + "Dot", rule.name(),
            p.name());
      }
      args.add(p.name() + "Dot");
    }
    return m.returns(DerivativesEmitter.jvpType(sig.flat()))
        .addStatement("return $T.result($T.$L($L), $S)", RuntimeTypes.RULE_CHECKS,
            ClassName.bestGuess(sig.flat().ownerQualifiedName()), rule.name(), String.join(", ", args), rule.name())
        .build();
  }

  /**
   * {@code fVjp} of a {@code @CustomVjp} function: {@code fwd} once, {@code bwd} per pullback, on
   * records as the user wrote them; a null gradient is a zero one.
   */
  private static MethodSpec ruleVjp(RecordSignature sig, Function.VjpRule rule, ClassName self, TypeName grad) {
    MethodSpec.Builder m = method(sig, "Vjp", "The value of {@code $L} and its pullback, from its forward and"
        + " backward passes ({@code jax.vjp}).");
    ClassName owner = ClassName.bestGuess(sig.flat().ownerQualifiedName());
    List<String> bwdArgs = new ArrayList<>();
    for (RecordSignature.UserParam p : sig.params()) {
      if (!p.differentiated()) {
        bwdArgs.add(p.name());
      }
    }
    bwdArgs.add("fwd.residuals()");
    bwdArgs.add("outBar");
    TypeName vjpType = sig.result() == null
        ? ParameterizedTypeName.get(RuntimeTypes.VJP, grad.box())
        : ParameterizedTypeName.get(RuntimeTypes.RECORD_VJP, ClassName.bestGuess(sig.result().qualifiedName()), grad.box());
    m.returns(vjpType);
    m.addStatement("var fwd = $T.$L($L)", owner, rule.fwd(), String.join(", ", userArgs(sig)));
    m.addCode("return new $T<>(fwd.value(), outBar -> {\n$>", sig.result() == null ? RuntimeTypes.VJP : RuntimeTypes.RECORD_VJP);
    m.addStatement("$T grad = $T.$L($L)", grad, owner, rule.bwd(), String.join(", ", bwdArgs));
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    if (diff.size() == 1 && diff.get(0).shape() == null) {
      // The gradient is the parameter's own: a number, or an array whose null is zero.
      RecordSignature.UserParam p = diff.get(0);
      if (p.param().type().isArray()) {
        m.addStatement("$T.gradient(grad, $L, $S, $S)", RuntimeTypes.RULE_CHECKS, p.name(), rule.bwd(), p.name());
      }
      if (grad.isPrimitive()) {
        m.addStatement("return grad");
      } else {
        m.addStatement("return grad == null ? $L : grad", Terms.zeroLike(p.param().type(), p.name()));
      }
    } else {
      CodeBlock zero = userGradient(sig, self, (n, t, read) -> Terms.zeroLike(t, read));
      CodeBlock.Builder reads = CodeBlock.builder();
      CodeBlock rebuilt = withoutNulls(sig, self, reads, rule.bwd());
      m.addCode(reads.build());
      m.addStatement("return grad == null ? $L : $L", zero, rebuilt == null ? "grad" : rebuilt);
    }
    m.addCode("$<});\n");
    return m.build();
  }

  /**
   * What {@code bwd} returned ({@code grad}, a record) with each null record or array in it read as
   * zero, declaring what it reads into {@code code}; null when nothing below the root can be null
   * (every component a number), so that {@code grad} itself is the gradient.
   */
  private static CodeBlock withoutNulls(RecordSignature sig, ClassName self, CodeBlock.Builder code, String bwd) {
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    boolean nullable = diff.stream().anyMatch(p -> (diff.size() > 1 && p.shape() != null)
        || (p.shape() == null ? p.param().type().isArray()
            : p.shape().leaves().stream().anyMatch(l -> l.path().size() > 1 || l.type().isArray())));
    if (!nullable) {
      return null;
    }
    List<String> taken = new ArrayList<>(userArgs(sig));
    taken.add("fwd");
    Names names = Names.of(taken, List.of());
    List<CodeBlock> parts = new ArrayList<>();
    for (RecordSignature.UserParam p : diff) {
      List<String> prefix = diff.size() == 1 ? List.of() : List.of(p.name());
      NullCotangents reads = new NullCotangents("grad", diff.size() == 1 ? List.of(p.name()) : List.of(), names,
          code, bwd);
      if (p.shape() == null) {
        Type t = p.param().type();
        parts.add(CodeBlock.of("$L", t.isArray() ? reads.array(prefix, t, p.name(), p.name()) : reads.number(prefix, t)));
        continue;
      }
      List<String> leaves = new ArrayList<>();
      for (RecordShape.Leaf l : p.shape().leaves()) {
        List<String> path = new ArrayList<>(prefix);
        path.addAll(l.path());
        String primal = l.read(p.name());
        leaves.add(!l.differentiable() ? reads.other(path, primal)
            : l.type().isArray() ? reads.array(path, l.type(), primal, primal) : reads.number(path, l.type()));
      }
      parts.add(build(p.shape(), leaves.iterator()));
    }
    return parts.size() == 1 ? parts.get(0)
        : CodeBlock.of("new $T($L)", self.nestedClass(gradRecordName(sig)), CodeBlock.join(parts, ", "));
  }

  /** The flat arguments: each record parameter read leaf by leaf. */
  private static List<String> flatArgs(RecordSignature sig) {
    List<String> out = new ArrayList<>();
    for (RecordSignature.UserParam p : sig.params()) {
      if (p.shape() == null) {
        out.add(p.name());
      } else {
        p.shape().leaves().forEach(l -> out.add(l.read(p.name())));
      }
    }
    return out;
  }

  private static MethodSpec jvp(RecordSignature sig) {
    MethodSpec.Builder m = method(sig, "Jvp", "The value of {@code $L} and its directional derivative along the"
        + " tangents ({@code jax.jvp}); the tangent of a record is a record of the same type.");
    List<String> args = flatArgs(sig);
    for (RecordSignature.UserParam p : sig.differentiatedParams()) {
      m.addParameter(userType(p), p.name() + "Dot");
      if (p.shape() == null) {
        args.add(p.name() + "Dot");
        DerivativesEmitter.checkTangentLength(m, p.param(), p.name() + "Dot");
      } else {
        m.addStatement("$T.requireNonNull($L, $S)", java.util.Objects.class, p.name() + "Dot", p.name() + "Dot");
        p.shape().leaves().stream().filter(RecordShape.Leaf::differentiable)
            .forEach(l -> args.add(l.read(p.name() + "Dot")));
      }
    }
    // One call of the flat function: a record result comes whole, its tangent a record too.
    m.returns(DerivativesEmitter.jvpType(sig.flat()));
    m.addStatement("return $T.$L($L)", RuntimeTypes.home(sig.flat()), sig.flat().name() + "Jvp", String.join(", ", args));
    return m.build();
  }

  /** {@code new Out(a, new B(b0, b1))} from leaf expressions in order. */
  static CodeBlock build(RecordShape shape, Iterator<String> leaves) {
    CodeBlock.Builder b = CodeBlock.builder().add("new $T(", ClassName.bestGuess(shape.qualifiedName()));
    for (int i = 0; i < shape.components().size(); i++) {
      RecordShape.Component c = shape.components().get(i);
      b.add(i == 0 ? "" : ", ");
      if (c.nested() != null) {
        b.add(build(c.nested(), leaves));
      } else {
        b.add("$L", leaves.next());
      }
    }
    return b.add(")").build();
  }

  /**
   * The cotangent record of {@code shape} from its leaves' {@code cotangents}: a leaf without one is
   * zero, or, where it has no tangent at all, as {@code value} has it; an array leaf's zero is an
   * array of its length in {@code value}.
   */
  static CodeBlock cotangent(RecordShape shape, List<Expr.Var> cotangents, String value) {
    List<String> leaves = new ArrayList<>();
    List<RecordShape.Leaf> all = shape.leaves();
    for (int i = 0; i < all.size(); i++) {
      RecordShape.Leaf l = all.get(i);
      leaves.add(cotangents.get(i) != null ? cotangents.get(i).name()
          : l.differentiable() ? Terms.zeroLike(l.type(), l.read(value)) : l.read(value));
    }
    return build(shape, leaves.iterator());
  }

  /**
   * How a flat gradient {@code g} of {@code c} spells the component of flat parameter {@code flat},
   * in that parameter's type.
   */
  private static String flatComponent(Callee c, String g, String flat) {
    if (!c.hasSingleGradient()) {
      return g + "." + flat + "()";
    }
    return c.differentiatedParams().get(0).type() == Type.FLOAT && !DerivativesEmitter.returnsObject(c)
        ? "(float) " + g : g;
  }

  /**
   * The user's gradient from the flat one: a record parameter's gradient is a record of its type
   * whose differentiable leaves come from {@code component} and whose other leaves are the primal's.
   */
  /** A gradient component from its flat parameter's name, its type and the primal value it belongs to. */
  private interface Component {
    String of(String flatName, Type type, String primal);
  }

  private static CodeBlock userGradient(RecordSignature sig, ClassName self, Component component) {
    List<CodeBlock> parts = new ArrayList<>();
    for (RecordSignature.UserParam p : sig.differentiatedParams()) {
      if (p.shape() == null) {
        parts.add(CodeBlock.of("$L", component.of(p.name(), p.param().type(), p.name())));
      } else {
        List<String> leaves = new ArrayList<>();
        for (RecordShape.Leaf l : p.shape().leaves()) {
          // A flat gradient has the leaf's own type (a float leaf's components are floats).
          leaves.add(l.differentiable() ? component.of(p.name() + "_" + l.suffix(), l.type(), l.read(p.name()))
              : l.read(p.name()));
        }
        parts.add(build(p.shape(), leaves.iterator()));
      }
    }
    return parts.size() == 1 ? parts.get(0)
        : CodeBlock.of("new $T($L)", self.nestedClass(gradRecordName(sig)), CodeBlock.join(parts, ", "));
  }

  private static MethodSpec vjp(RecordSignature sig, ClassName self, TypeName grad) {
    MethodSpec.Builder m = method(sig, "Vjp", "The value of {@code $L} and its pullback from an output cotangent"
        + " to the gradient ({@code jax.vjp}); the gradient of a record is a record of the same type.");
    String joined = String.join(", ", flatArgs(sig));
    Callee flat = sig.flat();
    if (sig.result() == null && scalarGradient(sig)) {
      m.returns(RuntimeTypes.SCALAR_VJP);
      m.addStatement("return $T.$L($L)", RuntimeTypes.home(flat), flat.name() + "Vjp", joined);
      return m.build();
    }
    // A record result's cotangent goes to the flat pullback whole: one transposed body for all leaves.
    ClassName vjp = sig.result() == null ? RuntimeTypes.VJP : RuntimeTypes.RECORD_VJP;
    m.returns(sig.result() == null ? ParameterizedTypeName.get(vjp, grad.box())
        : ParameterizedTypeName.get(vjp, ClassName.bestGuess(sig.result().qualifiedName()), grad.box()));
    m.addStatement("$T flatVjp = $T.$L($L)", StmtWriter.vjpType(flat), RuntimeTypes.home(flat), flat.name() + "Vjp",
        joined);
    m.addCode("return new $T<>(flatVjp.value(), outBar -> {\n$>", vjp);
    m.addStatement("$T flatGrad = flatVjp.pullback(outBar)", StmtWriter.gradType(flat));
    m.addStatement("return $L", userGradient(sig, self, (n, t, read) -> flatComponent(flat, "flatGrad", n)));
    m.addCode("$<});\n");
    return m.build();
  }

  private static List<String> userArgs(RecordSignature sig) {
    return sig.params().stream().map(RecordSignature.UserParam::name).toList();
  }

  private static MethodSpec gradMethod(RecordSignature sig, TypeName grad) {
    return method(sig, "Grad", "The gradient of {@code $L} ({@code jax.grad}); a record parameter's gradient is a"
        + " record of its type.")
        .returns(grad)
        .addStatement("return $L$LVjp($L).pullback(1.0)", grad.equals(TypeName.FLOAT) ? "(float) " : "", sig.name(),
            String.join(", ", userArgs(sig)))
        .build();
  }

  private static MethodSpec valueAndGrad(RecordSignature sig, TypeName grad) {
    boolean scalar = scalarGradient(sig);
    TypeName vjpType = scalar ? RuntimeTypes.SCALAR_VJP : ParameterizedTypeName.get(RuntimeTypes.VJP, grad.box());
    return method(sig, "ValueAndGrad", "The value and the gradient of {@code $L} ({@code jax.value_and_grad}).")
        .returns(scalar ? RuntimeTypes.VALUE_AND_DERIVATIVE : ParameterizedTypeName.get(RuntimeTypes.VALUE_AND_GRAD,
            grad.box()))
        .addStatement("$T vjp = $LVjp($L)", vjpType, sig.name(), String.join(", ", userArgs(sig)))
        .addStatement("return new $T$L(vjp.value(), vjp.pullback(1.0))",
            scalar ? RuntimeTypes.VALUE_AND_DERIVATIVE : RuntimeTypes.VALUE_AND_GRAD, scalar ? "" : "<>")
        .build();
  }
}

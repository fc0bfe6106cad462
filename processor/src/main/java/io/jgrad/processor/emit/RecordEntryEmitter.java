package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
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
import java.util.stream.Stream;
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
    TypeName grad = gradType(sig);
    TypeSpec.Builder type = members.api();
    members.of(sig.flat()).addMethod(primal(sig));
    if (forward) {
      type.addMethod(first instanceof Function.JvpRule rule ? ruleJvp(sig, rule) : jvp(sig));
    }
    type.addMethod(first instanceof Function.VjpRule rule ? ruleVjp(sig, rule, grad) : vjp(sig, grad));
    if (numberResult(sig)) {
      type.addMethod(gradMethod(sig, grad));
      type.addMethod(valueAndGrad(sig, grad));
    }
    if (sig.differentiatedParams().size() != 1) {
      type.addType(DerivativesEmitter.gradRecord(gradRecord(sig).simpleName(), sig.differentiatedParams().stream()
              .map(p -> ParameterSpec.builder(userType(p), p.name()).build()).toList(),
          "The gradient of {@code $L}, one component per differentiated parameter (a record's"
              + " gradient is a record of the same type).\n", sig.name()));
    }
    if (!numberResult(sig)) {
      JacobianEmitter.emit(JacobianSignature.of(sig, forward), type);
    }
  }

  /** Whether {@code sig} returns a number, not a record or an array (which get a {@code RecordVjp}). */
  private static boolean numberResult(RecordSignature sig) {
    return !DerivativesEmitter.returnsObject(sig.flat());
  }

  /** The user's gradient record of {@code sig}, which the derivatives class holds: the API's. */
  private static ClassName gradRecord(RecordSignature sig) {
    return RuntimeTypes.derivatives(sig.flat())
        .nestedClass(Names.capitalized(sig.name()) + "Grad");
  }

  /** The user's gradient: the one parameter's own type (a record's gradient is a record), else the record. */
  static TypeName gradType(RecordSignature sig) {
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    return diff.size() == 1 ? userType(diff.get(0)) : gradRecord(sig);
  }

  /** Whether the user's gradient is one plain double or float (a {@code ScalarVjp}). */
  private static boolean scalarGradient(RecordSignature sig) {
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    return diff.size() == 1 && diff.get(0).shape() == null && diff.get(0).param().type().isScalar();
  }

  static TypeName userType(RecordSignature.UserParam p) {
    return p.shape() != null ? ClassName.bestGuess(p.shape().qualifiedName()) : DerivativesEmitter.paramType(p.param());
  }

  static MethodSpec.Builder method(RecordSignature sig, String suffix, String doc) {
    return MethodSpec.methodBuilder(sig.name() + suffix)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc(doc + "\n", sig.name())
        .addParameters(sig.params().stream().map(p -> ParameterSpec.builder(userType(p), p.name()).build()).toList());
  }

  /**
   * The primal of the flat function, which differentiated callers call for a value: the user's
   * function on records rebuilt from the leaves.
   */
  private static MethodSpec primal(RecordSignature sig) {
    Callee flat = sig.flat();
    return DerivativesEmitter.entryPoint(flat.name(), flat, "{@code $L} on parameters given leaf by leaf.\n",
            sig.name())
        .returns(DerivativesEmitter.resultType(flat))
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
      if (p.shape() == null) {
        RuleSweeps.checkTangent(m, p.param().type(), p.name(), p.name() + "Dot", rule);
      }
      args.add(p.name() + "Dot");
    }
    return RuleSweeps.returnRule(m.returns(DerivativesEmitter.jvpType(sig.flat())), rule, String.join(", ", args))
        .build();
  }

  /**
   * {@code fVjp} of a {@code @CustomVjp} function: {@code fwd} once, {@code bwd} per pullback, on
   * records as the user wrote them; a null gradient is a zero one.
   */
  private static MethodSpec ruleVjp(RecordSignature sig, Function.VjpRule rule, TypeName grad) {
    MethodSpec.Builder m = method(sig, "Vjp", "The value of {@code $L} and its pullback, from its forward and"
        + " backward passes ({@code jax.vjp}).");
    ClassName owner = ClassName.bestGuess(sig.flat().ownerQualifiedName());
    List<String> bwdArgs = new ArrayList<>(sig.params().stream().filter(p -> !p.differentiated())
        .map(RecordSignature.UserParam::name).toList());
    bwdArgs.add("fwd.residuals()");
    bwdArgs.add("outBar");
    m.returns(vjpType(sig, grad));
    m.addStatement("var fwd = $T.$L($L)", owner, rule.fwd(), String.join(", ", userArgs(sig)));
    m.addCode("return new $T<>(fwd.value(), outBar -> {\n$>", numberResult(sig) ? RuntimeTypes.VJP : RuntimeTypes.RECORD_VJP);
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
      CodeBlock zero = userGradient(sig, (path, flat, t, primal) -> Terms.zeroLike(t, primal), null);
      CodeBlock.Builder reads = CodeBlock.builder();
      CodeBlock rebuilt = withoutNulls(sig, reads, rule.bwd());
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
  private static CodeBlock withoutNulls(RecordSignature sig, CodeBlock.Builder code, String bwd) {
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    boolean nullable = diff.stream().anyMatch(p -> (diff.size() > 1 && p.shape() != null)
        || (p.shape() == null ? p.param().type().isArray()
            : p.shape().leaves().stream().anyMatch(l -> l.path().size() > 1 || l.type().isArray())));
    if (!nullable) {
      return null;
    }
    List<String> taken = new ArrayList<>(userArgs(sig));
    taken.add("fwd");
    NullCotangents reads = new NullCotangents("grad", diff.size() == 1 ? List.of(diff.get(0).name()) : List.of(),
        Names.of(taken, List.of()), code, bwd);
    return userGradient(sig, (path, flat, t, primal) -> reads.leaf(path, t, primal, primal), reads);
  }

  /** The flat arguments: each record parameter read leaf by leaf. */
  static List<String> flatArgs(RecordSignature sig) {
    return new ArrayList<>(sig.params().stream().flatMap(p -> p.shape() == null ? Stream.of(p.name())
        : p.shape().leaves().stream().map(l -> l.read(p.name()))).toList());
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
  static CodeBlock build(RecordShape shape, Iterator<?> leaves) {
    CodeBlock.Builder b = CodeBlock.builder().add("new $T(", ClassName.bestGuess(shape.qualifiedName()));
    for (int i = 0; i < shape.components().size(); i++) {
      RecordShape.Component c = shape.components().get(i);
      b.add(i == 0 ? "" : ", ");
      b.add(c.nested() != null ? build(c.nested(), leaves) : CodeBlock.of("$L", leaves.next()));
    }
    return b.add(")").build();
  }

  /**
   * The tangent or cotangent record of {@code shape} from its leaves' {@code tangents} and
   * {@code values}: a leaf without one is zero, or, where it has no tangent at all (an int, a String),
   * its value; an array leaf's zero is an array of its value's length.
   */
  static CodeBlock tangent(RecordShape shape, List<Expr.Var> tangents, List<String> values) {
    List<String> leaves = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      RecordShape.Leaf l = shape.leaves().get(i);
      leaves.add(tangents.get(i) != null ? tangents.get(i).name()
          : l.differentiable() ? Terms.zeroLike(l.type(), values.get(i)) : values.get(i));
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

  /** A gradient component from its path below the gradient, its flat parameter's name, its type and its primal. */
  interface Component {
    String of(List<String> path, String flatName, Type type, String primal);
  }

  /**
   * The user's gradient: a record parameter's gradient is a record of its type whose differentiable
   * leaves come from {@code component} and whose other leaves are the primal's, or, where
   * {@code others} is given, as the backward pass gave them.
   */
  static CodeBlock userGradient(RecordSignature sig, Component component, NullCotangents others) {
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    List<CodeBlock> parts = new ArrayList<>();
    for (RecordSignature.UserParam p : diff) {
      List<String> prefix = diff.size() == 1 ? List.of() : List.of(p.name());
      if (p.shape() == null) {
        parts.add(CodeBlock.of("$L", component.of(prefix, p.name(), p.param().type(), p.name())));
        continue;
      }
      List<String> leaves = new ArrayList<>();
      for (RecordShape.Leaf l : p.shape().leaves()) {
        List<String> path = new ArrayList<>(prefix);
        path.addAll(l.path());
        String primal = l.read(p.name());
        // A flat gradient has the leaf's own type (a float leaf's components are floats).
        leaves.add(l.differentiable() ? component.of(path, p.name() + "_" + l.suffix(), l.type(), primal)
            : others == null ? primal : others.orElse(path, primal));
      }
      parts.add(build(p.shape(), leaves.iterator()));
    }
    return parts.size() == 1 ? parts.get(0)
        : CodeBlock.of("new $T($L)", gradRecord(sig), CodeBlock.join(parts, ", "));
  }

  /** {@code Vjp<G>}, or for a record result {@code RecordVjp<T, G>}. */
  private static TypeName vjpType(RecordSignature sig, TypeName grad) {
    return numberResult(sig) ? ParameterizedTypeName.get(RuntimeTypes.VJP, grad.box())
        : ParameterizedTypeName.get(RuntimeTypes.RECORD_VJP, DerivativesEmitter.resultType(sig.flat()), grad.box());
  }

  private static MethodSpec vjp(RecordSignature sig, TypeName grad) {
    MethodSpec.Builder m = method(sig, "Vjp", "The value of {@code $L} and its pullback from an output cotangent"
        + " to the gradient ({@code jax.vjp}); the gradient of a record is a record of the same type.");
    String joined = String.join(", ", flatArgs(sig));
    Callee flat = sig.flat();
    if (numberResult(sig) && scalarGradient(sig)) {
      m.returns(RuntimeTypes.SCALAR_VJP);
      m.addStatement("return $T.$L($L)", RuntimeTypes.home(flat), flat.name() + "Vjp", joined);
      return m.build();
    }
    // A record result's cotangent goes to the flat pullback whole: one transposed body for all leaves.
    ClassName vjp = numberResult(sig) ? RuntimeTypes.VJP : RuntimeTypes.RECORD_VJP;
    m.returns(vjpType(sig, grad));
    m.addStatement("$T flatVjp = $T.$L($L)", StmtWriter.vjpType(flat), RuntimeTypes.home(flat), flat.name() + "Vjp",
        joined);
    m.addCode("return new $T<>(flatVjp.value(), outBar -> {\n$>", vjp);
    m.addStatement("$T flatGrad = flatVjp.pullback(outBar)", StmtWriter.gradType(flat));
    m.addStatement("return $L", userGradient(sig, (path, n, t, read) -> flatComponent(flat, "flatGrad", n), null));
    m.addCode("$<});\n");
    return m.build();
  }

  private static List<String> userArgs(RecordSignature sig) {
    return sig.params().stream().map(RecordSignature.UserParam::name).toList();
  }

  private static MethodSpec gradMethod(RecordSignature sig, TypeName grad) {
    return DerivativesEmitter.returnGradThroughVjp(method(sig, "Grad", "The gradient of {@code $L}"
        + " ({@code jax.grad}); a record parameter's gradient is a record of its type.").returns(grad), grad,
        sig.name(), userArgs(sig)).build();
  }

  private static MethodSpec valueAndGrad(RecordSignature sig, TypeName grad) {
    boolean scalar = scalarGradient(sig);
    MethodSpec.Builder m = method(sig, "ValueAndGrad", "The value and the gradient of {@code $L}"
        + " ({@code jax.value_and_grad}).")
        .addStatement("$T vjp = $LVjp($L)", scalar ? RuntimeTypes.SCALAR_VJP : vjpType(sig, grad), sig.name(),
            String.join(", ", userArgs(sig)));
    return DerivativesEmitter.returnValueAndGrad(m, scalar, grad, "vjp.value()", "vjp.pullback(1.0)").build();
  }
}

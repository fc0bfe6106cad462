package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The derivatives of one flat function ({@code f_flat_x}) of a function with records whose
 * derivatives come from the user's rules: forward mode calls the {@code @CustomJvp} rule on packed
 * records and keeps one leaf; reverse mode transposes that leaf of the rule's body, or, for a
 * {@code @CustomVjp}, calls {@code fwd} and {@code bwd} with a cotangent record that is
 * {@code outBar} at this leaf and zero elsewhere, unpacking the gradient record into flat components.
 */
public final class RecordRuleEmitter {
  private RecordRuleEmitter() {}

  /** Adds the derivatives of flat function {@code flat}, leaf {@code leaf} of {@code sig}'s result. */
  public static void emit(RecordSignature sig, int leaf, Derived derived, TypeSpec.Builder type) {
    Function flat = derived.function();
    Callee c = flat.signature();
    if (flat instanceof Function.VjpRule rule) {
      DerivativesEmitter.emitReverse(c, vjpSweeps(sig, leaf, rule), type);
    } else if (flat instanceof Function.JvpRule rule) {
      // The sweeps transpose this leaf of the rule's body; forward mode calls the rule itself.
      if (derived.forward()) {
        type.addMethod(jvp(sig, leaf, rule));
      }
      DerivativesEmitter.emitReverse(derived, type);
    } else {
      // Records take one jvp rule or a vjp rule (RecordRuleReader); plain flat functions go elsewhere.
      throw new IllegalArgumentException(c.name() + " has no rule that records take");
    }
  }

  /** The user's parameters rebuilt from the flat ones: {@code new Point(p_x, p_y)} for a record. */
  static List<CodeBlock> packedParams(RecordSignature sig) {
    List<CodeBlock> out = new ArrayList<>();
    for (RecordSignature.UserParam p : sig.params()) {
      out.add(p.shape() == null ? CodeBlock.of("$L", p.name())
          : RecordEntryEmitter.build(p.shape(), p.shape().leaves().stream()
              .map(l -> p.name() + "_" + l.suffix()).iterator()));
    }
    return out;
  }

  private static MethodSpec jvp(RecordSignature sig, int leaf, Function.JvpRule rule) {
    Callee c = rule.signature();
    MethodSpec.Builder m = MethodSpec.methodBuilder(c.name() + "Jvp")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Leaf $L of the value of {@code $L} and of its tangent, from the rule {@code $L}.\n",
            leaf, sig.name(), rule.name())
        .returns(c.returnType().isArray()
            ? ParameterizedTypeName.get(RuntimeTypes.JVP, DerivativesEmitter.typeName(c.returnType()))
            : c.returnType() == Type.FLOAT ? RuntimeTypes.FLOAT_DUAL : RuntimeTypes.DUAL);
    DerivativesEmitter.addParams(c, m);
    List<CodeBlock> args = new ArrayList<>(packedParams(sig));
    for (RecordSignature.UserParam p : sig.differentiatedParams()) {
      if (p.shape() == null) {
        m.addParameter(DerivativesEmitter.typeName(p.param().type()), p.name() + "Dot");
        if (p.param().type().isArray()) {
          m.addStatement("$T.tangent($L, $L, $S, $S)", RuntimeTypes.RULE_CHECKS, p.name(), p.name() + "Dot",
              rule.name(), p.name());
        }
        args.add(CodeBlock.of("$L", p.name() + "Dot"));
        continue;
      }
      List<String> leaves = new ArrayList<>();
      for (RecordShape.Leaf l : p.shape().leaves()) {
        String flatName = p.name() + "_" + l.suffix();
        if (l.differentiable()) {
          m.addParameter(DerivativesEmitter.typeName(l.type()), flatName + "Dot");
          leaves.add(flatName + "Dot");
        } else {
          leaves.add(flatName); // a component without a tangent stays as it is
        }
      }
      args.add(RecordEntryEmitter.build(p.shape(), leaves.iterator()));
    }
    ClassName owner = ClassName.bestGuess(rule.owner());
    CodeBlock call = CodeBlock.of("$T.$L($L)", owner, rule.name(), CodeBlock.join(args, ", "));
    if (sig.result() == null) {
      return m.addStatement("return $T.result($L, $S)", RuntimeTypes.RULE_CHECKS, call, rule.name()).build();
    }
    RecordShape.Leaf l = sig.result().leaves().get(leaf);
    String local = Names.of(c.params().stream().map(Callee.Param::name).toList(), List.of()).fresh("ruleOut");
    m.addStatement("$T<$T> $L = $T.result($L, $S)", RuntimeTypes.JVP, ClassName.bestGuess(sig.result().qualifiedName()),
        local, RuntimeTypes.RULE_CHECKS, call, rule.name());
    return m.addStatement("return $T.of($L, $L)", c.returnType().isArray() ? RuntimeTypes.JVP
            : c.returnType() == Type.FLOAT ? RuntimeTypes.FLOAT_DUAL : RuntimeTypes.DUAL,
        l.read(local + ".value()"), l.read(local + ".tangent()")).build();
  }

  private static Sweeps vjpSweeps(RecordSignature sig, int leaf, Function.VjpRule rule) {
    Callee c = rule.signature();
    ClassName owner = ClassName.bestGuess(rule.owner());
    ClassName self = RuntimeTypes.derivatives(c);
    Names names = Names.of(new ArrayList<>(c.params().stream().map(Callee.Param::name).toList()), List.of());
    String fwd = names.fresh("fwd");
    String grad = names.fresh("grad");
    List<CodeBlock> packed = packedParams(sig);
    CodeBlock forward = CodeBlock.builder()
        .addStatement("var $L = $T.$L($L)", fwd, owner, rule.fwd(), CodeBlock.join(packed, ", ")).build();
    String value = sig.result() == null ? fwd + ".value()" : sig.result().leaves().get(leaf).read(fwd + ".value()");
    List<CodeBlock> bwdArgs = new ArrayList<>();
    for (int i = 0; i < sig.params().size(); i++) {
      if (!sig.params().get(i).differentiated()) {
        bwdArgs.add(packed.get(i));
      }
    }
    bwdArgs.add(CodeBlock.of("$L.residuals()", fwd));
    bwdArgs.add(sig.result() == null ? CodeBlock.of("outBar")
        : RecordEntryEmitter.oneLeaf(sig.result(), leaf, sig.result().leaves().get(leaf).type() == Type.FLOAT
            ? "(float) outBar" : "outBar", fwd + ".value()"));
    TypeName userGrad = RecordEntryEmitter.gradType(sig, self);
    CodeBlock.Builder reverse = CodeBlock.builder()
        .addStatement("$T $L = $T.$L($L)", userGrad, grad, owner, rule.bwd(), CodeBlock.join(bwdArgs, ", "));
    List<String> components = new ArrayList<>();
    List<String> zeros = new ArrayList<>();
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    for (RecordSignature.UserParam p : diff) {
      if (p.shape() == null && diff.size() == 1) {
        // The gradient is the parameter's own: a number, or an array whose null is zero below.
        components.add(grad);
        zeros.add(Terms.zeroLike(p.param().type(), p.name()));
        if (p.param().type().isArray()) {
          reverse.addStatement("$T.gradient($L, $L, $S, $S)", RuntimeTypes.RULE_CHECKS, grad, p.name(), rule.bwd(),
              p.name());
        }
        continue;
      }
      // A record's component (FGrad's, or a record parameter's own) may be a null standing for zero.
      List<String> prefix = diff.size() == 1 ? List.of() : List.of(p.name());
      NullCotangents reads = new NullCotangents(grad, diff.size() == 1 ? List.of(p.name()) : List.of(), names,
          reverse, rule.bwd());
      if (p.shape() == null) {
        Type t = p.param().type();
        components.add(t.isArray() ? reads.array(prefix, t, p.name(), p.name()) : reads.number(prefix, t));
        zeros.add(Terms.zeroLike(t, p.name()));
        continue;
      }
      for (RecordShape.Leaf l : p.shape().leaves()) {
        if (l.differentiable()) {
          List<String> path = new ArrayList<>(prefix);
          path.addAll(l.path());
          String leafParam = p.name() + "_" + l.suffix();
          components.add(l.type().isArray() ? reads.array(path, l.type(), leafParam, l.read(p.name()))
              : reads.number(path, l.type()));
          zeros.add(Terms.zeroLike(l.type(), leafParam));
        }
      }
    }
    String gradient = c.hasSingleGradient() ? components.get(0)
        : "new " + c.gradRecordName() + "(" + String.join(", ", components) + ")";
    String zero = c.hasSingleGradient() ? zeros.get(0) : "new " + c.gradRecordName() + "(" + String.join(", ", zeros) + ")";
    // A backward pass returning null means a zero gradient.
    return new Sweeps(forward, reverse.build(), CodeBlock.of("$L", value), c.returnType(),
        userGrad.isPrimitive() ? gradient : grad + " == null ? " + zero + " : " + gradient);
  }
}

package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import java.util.ArrayList;
import java.util.List;

/**
 * The derivatives of the flat function ({@code f_flat}) of a function with records whose derivatives
 * come from the user's rules: forward mode calls the {@code @CustomJvp} rule on packed records;
 * reverse mode transposes the rule's body once for every leaf of the result, or, for a
 * {@code @CustomVjp}, calls {@code fwd} and {@code bwd} with the cotangent as it comes, unpacking the
 * gradient record into flat components.
 */
public final class RecordRuleEmitter {
  private RecordRuleEmitter() {}

  /** Adds the derivatives of the flat function of {@code sig}, which go to {@code Internal}. */
  public static void emit(RecordSignature sig, Derived derived, Members members) {
    Function flat = derived.function();
    if (flat instanceof Function.VjpRule rule) {
      DerivativesEmitter.emitReverse(flat.signature(), vjpSweeps(sig, rule), members);
      // From order 2, its pullback functions over the leaves (internal: the record entry points read them).
      DerivativesEmitter.emitHigherOrders(derived, members);
      return;
    }
    // The sweeps transpose the rule's body; forward mode calls the rule itself.
    if (derived.forward()) {
      members.of(flat.signature()).addMethod(jvp(sig, (Function.JvpRule) flat));
    }
    DerivativesEmitter.emitReverse(derived, members);
    DerivativesEmitter.emitHigherOrders(derived, members);
  }

  /** The user's parameters rebuilt from the flat ones: {@code new Point(p_x, p_y)} for a record. */
  static List<CodeBlock> packedParams(RecordSignature sig) {
    return sig.params().stream().map(p -> p.shape() == null ? CodeBlock.of("$L", p.name())
        : RecordEntryEmitter.build(p.shape(), p.shape().leaves().stream()
            .map(l -> p.name() + "_" + l.suffix()).iterator())).toList();
  }

  private static MethodSpec jvp(RecordSignature sig, Function.JvpRule rule) {
    Callee c = rule.signature();
    MethodSpec.Builder m = DerivativesEmitter.entryPoint(c.name() + "Jvp", c, "The value of {@code $L} and its"
        + " tangent, from the rule {@code $L}.\n", sig.name(), rule.name()).returns(DerivativesEmitter.jvpType(c));
    List<CodeBlock> args = new ArrayList<>(packedParams(sig));
    for (RecordSignature.UserParam p : sig.differentiatedParams()) {
      if (p.shape() == null) {
        m.addParameter(DerivativesEmitter.typeName(p.param().type()), p.name() + "Dot");
        RuleSweeps.checkTangent(m, p.param().type(), p.name(), p.name() + "Dot", rule);
        args.add(CodeBlock.of("$L", p.name() + "Dot"));
        continue;
      }
      List<String> leaves = new ArrayList<>();
      for (RecordShape.Leaf l : p.shape().leaves()) {
        String flatName = p.name() + "_" + l.suffix();
        if (l.differentiable()) {
          m.addParameter(DerivativesEmitter.typeName(l.type()), flatName + "Dot");
        }
        // A component without a tangent stays as it is.
        leaves.add(l.differentiable() ? flatName + "Dot" : flatName);
      }
      args.add(RecordEntryEmitter.build(p.shape(), leaves.iterator()));
    }
    return RuleSweeps.returnRule(m, rule, CodeBlock.join(args, ", ")).build();
  }

  private static Sweeps vjpSweeps(RecordSignature sig, Function.VjpRule rule) {
    Callee c = rule.signature();
    ClassName owner = ClassName.bestGuess(c.ownerQualifiedName());
    Names names = Names.of(new ArrayList<>(c.paramNames()), List.of());
    String fwd = names.fresh("fwd");
    String grad = names.fresh("grad");
    List<CodeBlock> packed = packedParams(sig);
    CodeBlock forward = CodeBlock.builder()
        .addStatement("var $L = $T.$L($L)", fwd, owner, rule.fwd(), CodeBlock.join(packed, ", ")).build();
    List<CodeBlock> bwdArgs = new ArrayList<>();
    for (int i = 0; i < sig.params().size(); i++) {
      if (!sig.params().get(i).differentiated()) {
        bwdArgs.add(packed.get(i));
      }
    }
    bwdArgs.add(CodeBlock.of("$L.residuals()", fwd));
    bwdArgs.add(CodeBlock.of("outBar"));
    TypeName userGrad = RecordEntryEmitter.gradType(sig);
    CodeBlock.Builder reverse = CodeBlock.builder()
        .addStatement("$T $L = $T.$L($L)", userGrad, grad, owner, rule.bwd(), CodeBlock.join(bwdArgs, ", "));
    List<String> components = new ArrayList<>();
    List<String> zeros = new ArrayList<>();
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    // A record's component (FGrad's, or a record parameter's own) may be a null standing for zero.
    NullCotangents reads = new NullCotangents(grad, diff.size() == 1 ? List.of(diff.get(0).name()) : List.of(), names,
        reverse, rule.bwd());
    for (RecordSignature.UserParam p : diff) {
      List<String> prefix = diff.size() == 1 ? List.of() : List.of(p.name());
      if (p.shape() == null) {
        // The one differentiated parameter's gradient is its own: a number, or an array whose null is zero below.
        components.add(diff.size() == 1 ? grad : reads.leaf(prefix, p.param().type(), p.name(), p.name()));
        zeros.add(Terms.zeroLike(p.param().type(), p.name()));
        if (diff.size() == 1 && p.param().type().isArray()) {
          reverse.addStatement("$T.gradient($L, $L, $S, $S)", RuntimeTypes.RULE_CHECKS, grad, p.name(), rule.bwd(),
              p.name());
        }
        continue;
      }
      for (RecordShape.Leaf l : p.shape().leaves()) {
        if (l.differentiable()) {
          List<String> path = new ArrayList<>(prefix);
          path.addAll(l.path());
          String leafParam = p.name() + "_" + l.suffix();
          components.add(reads.leaf(path, l.type(), leafParam, l.read(p.name())));
          zeros.add(Terms.zeroLike(l.type(), leafParam));
        }
      }
    }
    String gradient = c.hasSingleGradient() ? components.get(0)
        : "new " + c.gradRecordName() + "(" + String.join(", ", components) + ")";
    String zero = c.hasSingleGradient() ? zeros.get(0) : "new " + c.gradRecordName() + "(" + String.join(", ", zeros) + ")";
    // A backward pass returning null means a zero gradient.
    return new Sweeps(forward, reverse.build(), CodeBlock.of("$L.value()", fwd),
        userGrad.isPrimitive() ? gradient : grad + " == null ? " + zero + " : " + gradient, true);
  }
}

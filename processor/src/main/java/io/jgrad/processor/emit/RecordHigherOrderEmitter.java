package io.jgrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The public second and higher derivatives of a function with records in its signature, from the
 * private kernels of its flat function ({@code f_flatSecondOrder}, {@code f_flatOrder3}, ...): a
 * record is its leaves. {@code fHessian} is the dense matrix over the
 * differentiable leaves in {@code fJacobian}'s column order, {@code fHvp} takes record directions and
 * returns the gradient record (these two for a number result), {@code fDerivative} takes one record
 * direction per order.
 */
public final class RecordHigherOrderEmitter {
  private RecordHigherOrderEmitter() {}

  /**
   * Adds {@code fHessian}, {@code fHvp} and {@code fDerivative} of {@code sig}, of {@code order};
   * {@code onePassHvp} says whether an {@code fHvp} over array leaves may be reverse mode over the
   * flat function's tangent program (it has reverse mode, and no custom rule is reached).
   */
  public static void emit(RecordSignature sig, int order, boolean onePassHvp, TypeSpec.Builder type) {
    boolean arrays = sig.flat().differentiatedParams().stream().anyMatch(p -> p.type().isArray());
    if (sig.result() == null && arrays) {
      // An array leaf has a length known at run time: H·v without the matrix, as for array parameters.
      type.addMethod(RecordArrayHvp.hvp(sig, onePassHvp));
    } else if (sig.result() == null) {
      // A Hessian and an HVP are of a number; a record result has its directional derivatives.
      type.addMethod(hessian(sig));
      type.addMethod(hvp(sig));
    }
    type.addMethod(derivative(sig, order));
  }

  /** The differentiated leaves as the user reads them ({@code p.x()}), in the Hessian's order. */
  static List<String> leafReads(RecordSignature sig) {
    List<String> leaves = new ArrayList<>();
    for (RecordSignature.UserParam p : sig.differentiatedParams()) {
      if (p.shape() == null) {
        leaves.add(p.name());
      } else {
        p.shape().leaves().stream().filter(RecordShape.Leaf::differentiable).forEach(l -> leaves.add(l.read(p.name())));
      }
    }
    return leaves;
  }

  /**
   * Adds {@code fHessian}, {@code fHvp} and {@code fDerivative} of {@code sig}, of order 2 or more, whose flat
   * function {@code flat} has reverse mode only: reverse over reverse through its pullback functions.
   */
  public static void emitReverse(RecordSignature sig, Derived flat, TypeSpec.Builder type) {
    RecordReverseHigherOrderEmitter.emit(sig, flat, type);
  }

  /** Fresh names beside the user's parameters. */
  static Names names(RecordSignature sig) {
    return Names.of(sig.params().stream().map(RecordSignature.UserParam::name).toList(), List.of());
  }

  /** The flat function's arguments: each record parameter read leaf by leaf. */
  static List<String> primals(RecordSignature sig) {
    return RecordEntryEmitter.flatArgs(sig);
  }

  /** {@code kernel(args...).tangent()}, its arguments wrapped where the line is long. */
  static CodeBlock tangent(String kernel, List<String> args) {
    return CodeBlock.of("$L($L).tangent()", kernel,
        CodeBlock.join(args.stream().map(a -> CodeBlock.of("$L", a)).toList(), ",$W"));
  }

  /** {@code first}, then {@code second}. */
  static List<String> concat(List<String> first, List<String> second) {
    List<String> out = new ArrayList<>(first);
    out.addAll(second);
    return out;
  }

  /** The i-th basis vector over the flat differentiated parameters, as arguments. */
  private static List<String> basis(List<Callee.Param> diff, int i) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < diff.size(); k++) {
      out.add(k == i ? Terms.one(diff.get(k).type()) : Terms.zero(diff.get(k).type()));
    }
    return out;
  }

  /**
   * {@code fHessian}: {@code double[m][m]} over the m differentiable leaves of the differentiated
   * parameters, depth first in declaration order, named in its Javadoc.
   */
  private static MethodSpec hessian(RecordSignature sig) {
    MethodSpec.Builder m = RecordEntryEmitter.method(sig, "Hessian", "The Hessian of {@code $L}"
        + " ({@code jax.hessian}) over the leaves of its differentiated\nparameters; rows and columns in the"
        + " order {@code " + String.join(", ", leafReads(sig)) + "}.");
    String kernel = HigherOrderEmitter.kernelName(sig.flat(), 2);
    List<Callee.Param> diff = sig.flat().differentiatedParams();
    SecondOrderEmitter.denseHessian(m, diff.size(), names(sig).fresh("hessian"),
        (i, j) -> tangent(kernel, concat(concat(primals(sig), basis(diff, i)), basis(diff, j))));
    return m.build();
  }

  /**
   * {@code fHvp(p..., v...)}: H·v as the gradient (a record parameter's component a record of its
   * type); component i is the second-order kernel along the basis vector i and v (v the outer direction,
   * as in {@code jvp(grad(f))}).
   */
  private static MethodSpec hvp(RecordSignature sig) {
    MethodSpec.Builder m = RecordEntryEmitter.method(sig, "Hvp", "The Hessian of {@code $L} times the vector v"
        + " ({@code jvp(grad(f))}), in the gradient's\nshape: a record direction and a record result for a"
        + " record parameter.");
    Names names = names(sig);
    List<String> direction = hvpDirection(sig, m, names);
    Callee flat = sig.flat();
    List<Callee.Param> flatDiff = flat.differentiatedParams();
    String kernel = HigherOrderEmitter.kernelName(flat, 2);
    List<CodeBlock> components = new ArrayList<>();
    for (int i = 0; i < flatDiff.size(); i++) {
      components.add(tangent(kernel, concat(concat(primals(sig), basis(flatDiff, i)), direction)));
    }
    returnHv(sig, m, names, components);
    return m.build();
  }

  /**
   * {@code fHvp}'s direction v, one per differentiated parameter of its type (fresh in {@code names}),
   * read into {@code m} leaf by leaf: the flat direction's arguments.
   */
  static List<String> hvpDirection(RecordSignature sig, MethodSpec.Builder m, Names names) {
    List<String> vs = SecondOrderEmitter.hvpDirections(sig.differentiatedParams().stream()
        .map(p -> new Callee.Param(p.name(), Type.DOUBLE, true)).toList(), names);
    return directions(sig, m, vs);
  }

  /**
   * H·v's flat {@code components} into {@code hv[i]}, one per line, and the gradient built from them
   * returned from {@code m}, in the gradient's shape.
   */
  static void returnHv(RecordSignature sig, MethodSpec.Builder m, Names names, List<CodeBlock> components) {
    List<String> flatNames = sig.flat().differentiatedParams().stream().map(Callee.Param::name).toList();
    String hv = names.fresh("hv");
    m.addStatement("double[] $L = new double[$L]", hv, components.size());
    for (int i = 0; i < components.size(); i++) {
      m.addStatement("$L[$L] = $L", hv, i, components.get(i));
    }
    m.returns(RecordEntryEmitter.gradType(sig));
    m.addStatement("return $L", RecordEntryEmitter.userGradient(sig, (path, flatName, t, primal) ->
        Terms.convert(hv + "[" + flatNames.indexOf(flatName) + "]", Type.DOUBLE, t), null));
  }

  /**
   * {@code fDerivative(p..., pDot1..., ..., pDotn...)}: the n-th directional derivative, one direction
   * per differentiated parameter and order, of the parameter's type; for a record result, a record
   * of the leaves' n-th derivatives (a leaf without a tangent, an int, as the value has it).
   */
  private static MethodSpec derivative(RecordSignature sig, int order) {
    MethodSpec.Builder m = RecordEntryEmitter.method(sig, "Derivative", "The derivative of order " + order
        + " of {@code $L} along directions 1 to " + order + ", each with one component per\ndifferentiated"
        + " parameter (a record's direction is a record of its type).");
    Names names = names(sig);
    List<String> args = new ArrayList<>();
    for (int k = 1; k <= order; k++) {
      String suffix = "Dot" + k;
      args.addAll(directions(sig, m, sig.differentiatedParams().stream().map(p -> names.fresh(p.name() + suffix))
          .toList()));
    }
    Callee flat = sig.flat();
    int perOrder = flat.differentiatedParams().size();
    for (int k = 0; k < order; k++) {
      RecordArrayHvp.checkDirections(sig, m, args.subList(k * perOrder, (k + 1) * perOrder));
    }
    m.returns(DerivativesEmitter.resultType(flat));
    m.addStatement("return $L", tangent(HigherOrderEmitter.kernelName(flat, order), concat(primals(sig), args)));
    return m.build();
  }

  /**
   * Adds one direction parameter per differentiated parameter, named {@code names}, of its type (a
   * record's a record, checked not null); returns the flat arguments they give, leaf by leaf.
   */
  static List<String> directions(RecordSignature sig, MethodSpec.Builder m, List<String> names) {
    List<String> out = new ArrayList<>();
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    for (int i = 0; i < diff.size(); i++) {
      RecordSignature.UserParam p = diff.get(i);
      String v = names.get(i);
      m.addParameter(RecordEntryEmitter.userType(p), v);
      if (p.shape() == null) {
        out.add(v);
      } else {
        m.addStatement("$T.requireNonNull($L, $S)", Objects.class, v, v);
        p.shape().leaves().stream().filter(RecordShape.Leaf::differentiable).forEach(l -> out.add(l.read(v)));
      }
    }
    return out;
  }
}

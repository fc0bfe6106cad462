package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.util.TreePath;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.RecordResultLeaves;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.lang.model.element.ExecutableElement;

/**
 * The function a derivative call names as the IR differentiates it: {@code f} itself, or for a
 * function with record parameters its flat function {@code f_flat} over their leaves
 * ({@code sig} set). Maps the call's arguments to flat arguments and a read of the gradient
 * ({@code .p().x()}) to a flat differentiated parameter, so that a derivative call of a record
 * function goes through {@code f_flatTangent} like any other.
 */
record FlatDerivativeCall(Callee callee, RecordSignature sig) {

  /** {@code f} as the IR sees it. */
  static FlatDerivativeCall of(ExecutableElement f, CalleeResolver callees) {
    if (!RecordSignatureReader.involvesRecords(f)) {
      return new FlatDerivativeCall(callees.resolve(f), null);
    }
    RecordSignature sig = RecordSignatureReader.read(f, callees);
    return new FlatDerivativeCall(sig.flat(), sig);
  }

  /**
   * Why a derivative call of {@code f} is not differentiated yet, as a phrase after its name; empty
   * when it is: f must return a number (or, with a plain body, a record of numbers, read leaf by
   * leaf) and take numbers ({@code double}, {@code float}) or records
   * of them, or, without records, {@code double[]} arrays beside doubles, with a number or a
   * {@code double[]} result ({@link ArrayResultCalls}) (functions of numbers and
   * records have forward mode: a record function reaching a {@code @CustomVjp} rule has no order 2,
   * nor a float function reverse-only).
   */
  static Optional<String> unsupported(ExecutableElement f, CalleeResolver callees) {
    FlatDerivativeCall flat = of(f, callees);
    if (RecordShape.isRecord(f.getReturnType())) {
      // Read leaf by leaf through the leaf functions f_flat_<leaf> of a plain body.
      boolean body = DiffSpec.of(f).map(s -> s.kind() == DiffSpec.Kind.BODY).orElse(false);
      return body && RecordResultLeaves.eligible(flat.callee(), flat.sig().result()) ? Optional.empty()
          : Optional.of("returns a record " + (body ? "with a component other than a number, or takes an array"
              : "through a custom rule"));
    }
    Callee c = flat.callee();
    if (!c.numbersOnly() && (flat.sig() != null
        || !c.doublesOrDoubleArrays() && !c.hasGradientFunction() && !ArrayResultCalls.applies(c))) {
      return Optional.of("takes or returns something other than numbers, records of numbers and arrays"
          + " of numbers with a double result (a float result beside arrays, a float[] result or an array in"
          + " a record)");
    }
    return Optional.empty();
  }

  /** How many arguments the entry point takes as the user calls it: the parameters, and for fJvp a tangent per differentiated one. */
  int arity(boolean jvp) {
    int params = sig == null ? callee.params().size() : sig.params().size();
    int tangents = sig == null ? callee.differentiatedParams().size() : sig.differentiatedParams().size();
    return params + (jvp ? tangents : 0);
  }

  /**
   * The flat arguments of a call with the user's {@code args} ({@link #arity} of them): each record
   * read leaf by leaf, each number converted to its parameter's type; for fJvp then the tangents of
   * the differentiated leaves.
   */
  List<Expr> args(List<? extends ExpressionTree> args, TreePath path, ReadContext cx, boolean jvp) {
    if (sig == null) {
      List<Expr> out = new ArrayList<>(cx.exprs(args, path));
      List<Callee.Param> params = jvp ? callee.tangentFunction().params() : callee.params();
      for (int i = 0; i < out.size() && i < params.size(); i++) {
        out.set(i, coerce(out.get(i), params.get(i).type()));
      }
      return out;
    }
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < sig.params().size(); i++) {
      out.addAll(leaves(sig.params().get(i), args.get(i), path, cx));
    }
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    for (int i = 0; jvp && i < diff.size(); i++) {
      List<Expr> all = leaves(diff.get(i), args.get(sig.params().size() + i), path, cx);
      List<Callee.Param> flat = diff.get(i).flat();
      for (int k = 0; k < flat.size(); k++) {
        if (flat.get(k).differentiated()) {
          out.add(all.get(k));
        }
      }
    }
    return out;
  }

  /** The leaves of the argument {@code e} of the user's parameter {@code p}, each of its leaf's type. */
  private static List<Expr> leaves(RecordSignature.UserParam p, ExpressionTree e, TreePath path, ReadContext cx) {
    if (p.shape() == null) {
      return List.of(coerce(cx.expr(e, path), p.param().type()));
    }
    List<Expr> out = new ArrayList<>(cx.records.record(e, path, p.shape()));
    for (int k = 0; k < out.size(); k++) {
      out.set(k, coerce(out.get(k), p.shape().leaves().get(k).type()));
    }
    return out;
  }

  /** Whether the gradient is one number: then fValueAndGrad has {@code derivative()}, else {@code grad()}. */
  boolean scalarGradient() {
    if (sig == null) {
      // A single array gradient comes in a ValueAndGrad, a single number in a ValueAndDerivative.
      return callee.hasSingleGradient() && !callee.differentiatedParams().get(0).type().isArray();
    }
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    return diff.size() == 1 && diff.get(0).shape() == null;
  }

  /**
   * The flat differentiated parameter (its index among them) that the accessors {@code names}
   * read from the gradient ({@code [p, x]} for {@code .p().x()}, {@code []} for a single number);
   * -1 when they read none.
   */
  int component(List<String> names) {
    if (sig == null) {
      List<Callee.Param> diff = callee.differentiatedParams();
      return diff.size() == 1 ? (names.isEmpty() ? 0 : -1)
          : names.size() == 1 ? diff.stream().map(Callee.Param::name).toList().indexOf(names.get(0)) : -1;
    }
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    int before = 0;
    for (RecordSignature.UserParam p : diff) {
      List<String> path = names;
      if (diff.size() > 1) {
        if (names.isEmpty() || !names.get(0).equals(p.name())) {
          before += differentiatedLeaves(p);
          continue;
        }
        path = names.subList(1, names.size());
      }
      if (p.shape() == null) {
        return path.isEmpty() ? before : -1;
      }
      for (RecordShape.Leaf leaf : p.shape().leaves()) {
        if (leaf.differentiable() && leaf.path().equals(path)) {
          return before;
        }
        before += leaf.differentiable() ? 1 : 0;
      }
      return -1;
    }
    return -1;
  }

  /**
   * The flat parameter (its index among all of them) that the accessors {@code names} read from a
   * gradient of records where that leaf has no tangent ({@code [s, n]} for {@code .s().n()}): the
   * generated gradient holds the argument's value there; -1 when they read none.
   */
  int primalIndex(List<String> names) {
    if (sig == null) {
      return -1;
    }
    List<RecordSignature.UserParam> diff = sig.differentiatedParams();
    int before = 0;
    for (RecordSignature.UserParam p : sig.params()) {
      List<String> path = names;
      if (diff.size() > 1) {
        if (!p.differentiated() || names.isEmpty() || !names.get(0).equals(p.name())) {
          before += p.flat().size();
          continue;
        }
        path = names.subList(1, names.size());
      } else if (!p.differentiated()) {
        before += p.flat().size();
        continue;
      }
      for (RecordShape.Leaf leaf : p.shape() == null ? List.<RecordShape.Leaf>of() : p.shape().leaves()) {
        if (!leaf.differentiable() && leaf.path().equals(path)) {
          return before;
        }
        before++;
      }
      return -1;
    }
    return -1;
  }

  private static int differentiatedLeaves(RecordSignature.UserParam p) {
    return (int) p.flat().stream().filter(Callee.Param::differentiated).count();
  }

  /** A read of the gradient's first component, for messages: {@code .x()}, {@code .p().x()}, or "" for a number. */
  String firstComponent() {
    if (sig == null) {
      return callee.hasSingleGradient() ? "" : "." + callee.differentiatedParams().get(0).name() + "()";
    }
    RecordSignature.UserParam p = sig.differentiatedParams().get(0);
    String head = sig.differentiatedParams().size() == 1 ? "" : "." + p.name() + "()";
    if (p.shape() == null) {
      return head;
    }
    RecordShape.Leaf leaf = p.shape().leaves().stream().filter(RecordShape.Leaf::differentiable).findFirst()
        .orElseThrow();
    return head + leaf.read("");
  }

  /** The leaf of f's record result that the accessors {@code names} read ({@code [b, b0]}), else -1. */
  int resultLeaf(List<String> names) {
    List<RecordShape.Leaf> leaves = sig.result().leaves();
    return IntStream.range(0, leaves.size()).filter(i -> leaves.get(i).path().equals(names)).findFirst().orElse(-1);
  }

  /** Whether f returns a record. */
  boolean recordResult() {
    return sig != null && sig.result() != null;
  }
}

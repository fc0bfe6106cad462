package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.VjpPasses;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;

/**
 * Reads the passes of a {@code @CustomVjp} rule of a function with record parameters and a number
 * result as code over the records' leaves, for kernel lanes, which run them per lane: the passes of
 * the flat function {@code f_flat}, its parameters leaf by leaf, each backward pass returning one
 * differentiated leaf of the gradient.
 */
public final class RecordVjpPassReader {
  private RecordVjpPassReader() {}

  /**
   * The passes of {@code f}'s rule over the leaves of {@code sig}, each body read by {@code reader};
   * empty where one cannot be read, where the result is a record, or where a differentiated record
   * has a leaf without a tangent (the backward pass does not take it, the flat function does)
   * or an array leaf.
   */
  public static Optional<VjpPasses> read(ExecutableElement f, DiffSpec spec, RecordSignature sig, Trees trees,
      Report report, CalleeResolver callees, java.util.function.Function<BodyParser, Optional<Function>> reader) {
    Callee flat = sig.flat();
    if (sig.result() != null || sig.differentiatedParams().stream()
        .anyMatch(p -> p.shape() != null && p.shape().leaves().stream()
            .anyMatch(l -> !l.differentiable() || l.type().isArray()))) {
      return Optional.empty();
    }
    ExecutableElement fwd = VjpPassReader.method(f, spec.fwd());
    ExecutableElement bwd = VjpPassReader.method(f, spec.bwd());
    VjpPassReader.ForwardPass fwdMode = new VjpPassReader.ForwardPass(flat.returnType());
    Optional<Function> fwdBody = reader.apply(new BodyParser(trees, report, callees, fwd, null, fwdMode, flat));
    if (fwdBody.isEmpty()) {
      return Optional.empty();
    }
    List<Expr.Var> residuals = fwdMode.residualLeaves();
    boolean arrayResidual = ((DeclaredType) fwd.getReturnType()).getTypeArguments().get(0).getKind() == TypeKind.ARRAY;
    List<RecordSignature.UserParam> nondiff = sig.params().stream().filter(p -> !p.differentiated()).toList();
    List<VjpPasses.Pass> bwdPasses = new ArrayList<>();
    for (int i = 0; i < flat.differentiatedParams().size(); i++) {
      VjpPassReader.BackwardPass leaves = new VjpPassReader.BackwardPass(List.of(Type.DOUBLE),
          arrayResidual ? residuals.size() : -1, 0);
      Optional<Function> body = reader.apply(new BodyParser(trees, i == 0 ? report : new Report(), callees, bwd,
          null, new Backward(leaves, sig, i, flat.differentiatedParams().get(i).type()), flat));
      if (body.isEmpty()) {
        return Optional.empty();
      }
      List<Callee.Param> params = new ArrayList<>(flatParams(bwd.getParameters().subList(0, nondiff.size()), nondiff));
      leaves.residualLeaves().forEach(r -> params.add(new Callee.Param(r.name(), r.type(), false)));
      List<? extends VariableElement> ps = bwd.getParameters();
      params.add(new Callee.Param(ps.get(ps.size() - 1).getSimpleName().toString(), flat.returnType(), false));
      bwdPasses.add(new VjpPasses.Pass(spec.bwd(), params, body.get().body()));
    }
    List<Callee.Param> fwdParams = flatParams(fwd.getParameters(), sig.params());
    return Optional.of(new VjpPasses(new VjpPasses.Pass(spec.fwd(), fwdParams, fwdBody.get().body()), residuals,
        bwdPasses));
  }

  /** The flat parameters of {@code declared}, the user's parameters {@code user}, as a pass names them. */
  private static List<Callee.Param> flatParams(List<? extends VariableElement> declared,
      List<RecordSignature.UserParam> user) {
    List<Callee.Param> out = new ArrayList<>();
    for (int i = 0; i < user.size(); i++) {
      RecordSignature.UserParam p = user.get(i);
      new RecordSignature.UserParam(declared.get(i).getSimpleName().toString(), p.shape(), p.param() == null ? null
          : new Callee.Param(declared.get(i).getSimpleName().toString(), p.param().type(), false), false).flat()
          .forEach(out::add);
    }
    return out;
  }

  /**
   * A backward pass returning the differentiated leaf {@code leaf} of the gradient: the record itself
   * for one differentiated parameter, else argument by argument of {@code new FGrad(...)}, each a
   * record, a number or {@code null} (zeros); its residual parameter bound as {@code bound} binds it.
   */
  private static final class Backward implements ReadMode {
    private final VjpPassReader.BackwardPass bound;
    private final RecordSignature sig;
    private final int leaf;
    private final Type type;

    Backward(VjpPassReader.BackwardPass bound, RecordSignature sig, int leaf, Type type) {
      this.bound = bound;
      this.sig = sig;
      this.leaf = leaf;
      this.type = type;
    }

    @Override
    public void bindParameter(ReadContext cx, int index, VariableElement p, String name) {
      bound.bindParameter(cx, index, p, name);
    }

    @Override
    public Expr readParameter(ReadContext cx, ExpressionTree e, TreePath path) {
      return bound.readParameter(cx, e, path);
    }

    @Override
    public Expr readReturn(ReadContext cx, ExpressionTree e, TreePath parent, List<Stmt> out) {
      List<RecordSignature.UserParam> diff = sig.differentiatedParams();
      List<Expr> leaves = new ArrayList<>();
      if (diff.size() == 1) {
        leaves.addAll(leaves(cx, e, parent, diff.get(0)));
      } else if (e instanceof NewClassTree n && n.getClassBody() == null && n.getArguments().size() == diff.size()) {
        for (int i = 0; i < diff.size(); i++) {
          leaves.addAll(leaves(cx, n.getArguments().get(i), new TreePath(parent, e), diff.get(i)));
        }
      } else if (e.getKind() == Tree.Kind.NULL_LITERAL) {
        return Exprs.lit(type, 0);
      } else {
        return cx.failed(Codes.RULE_RETURN, "a backward pass read as code ends each path with return null or"
            + " return new ...Grad(...) of " + diff.size() + " components", e);
      }
      return coerce(leaves.get(leaf), type);
    }

    /** The differentiated leaves of {@code p}'s component of the gradient, {@code e}. */
    private static List<Expr> leaves(ReadContext cx, ExpressionTree e, TreePath parent,
        RecordSignature.UserParam p) {
      int count = p.flat().size();
      if (e.getKind() == Tree.Kind.NULL_LITERAL) {
        return Collections.nCopies(count, Exprs.lit(Type.DOUBLE, 0));
      }
      return p.shape() == null ? List.of(cx.expr(e, parent)) : cx.records.record(e, parent, p.shape());
    }
  }
}

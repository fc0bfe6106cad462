package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;
import static io.jgrad.processor.parse.ReadContext.dummy;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
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
import io.jgrad.processor.ir.TypeMapper;
import io.jgrad.processor.ir.VjpPasses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Reads the forward and backward passes of an order-2 {@code @CustomVjp} rule as differentiable
 * code (JAX differentiates through {@code fwd} and {@code bwd} for {@code grad(grad(f))}), from which
 * the function's pullback functions are built. The passes' signatures are checked before this runs.
 */
public final class VjpPassReader {
  private VjpPassReader() {}

  /**
   * The passes of {@code f}'s rule, each body read by {@code reader}, which checks it: the forward
   * pass first (the backward pass reads the residuals it finds), then the backward pass once per
   * component of the gradient, each a parse of its own, of which only the first reports (the others
   * would repeat it). Empty at the first pass with an error.
   */
  public static Optional<VjpPasses> read(ExecutableElement f, DiffSpec spec, Callee sig, Trees trees, Report report,
      CalleeResolver callees, java.util.function.Function<BodyParser, Optional<Function>> reader) {
    return read(f, spec, sig, null, trees, report, callees, reader);
  }

  /**
   * The passes of the rule of a function with records in its signature ({@code records}, whose flat
   * function is read): a record parameter of either pass is read leaf by leaf, and the backward pass
   * returns one leaf of the gradient per component of the flat gradient; a record result's cotangent
   * is read leaf by leaf too, and its value ({@code RecordFwd.of(value, residuals)}) is not read.
   */
  public static Optional<VjpPasses> readRecord(ExecutableElement f, DiffSpec spec, RecordSignature records,
      Trees trees, Report report, CalleeResolver callees,
      java.util.function.Function<BodyParser, Optional<Function>> reader) {
    return read(f, spec, records.flat(), records, trees, report, callees, reader);
  }

  private static Optional<VjpPasses> read(ExecutableElement f, DiffSpec spec, Callee sig, RecordSignature records,
      Trees trees, Report report, CalleeResolver callees,
      java.util.function.Function<BodyParser, Optional<Function>> reader) {
    ExecutableElement fwd = method(f, spec.fwd());
    ExecutableElement bwd = method(f, spec.bwd());
    ForwardPass fwdMode = new ForwardPass(sig.returnType());
    // A pass with records has no signature of its own to resolve: its parameters' leaves are its own.
    Callee fwdSig = records == null ? null : leafSignature(fwd, leafParams(fwd, fwd.getParameters().size()),
        records.result() == null ? sig.returnType() : Type.DOUBLE);
    Optional<Function> fwdBody = reader.apply(new BodyParser(trees, report, callees, fwd, null, fwdMode, fwdSig));
    if (fwdBody.isEmpty()) {
      return Optional.empty();
    }
    List<Expr.Var> residuals = fwdMode.residualLeaves();
    // Fwd<R>, or RecordFwd<T, R> for a record result: the residuals' type is the last argument.
    List<? extends TypeMirror> fwdTypes = ((DeclaredType) fwd.getReturnType()).getTypeArguments();
    boolean arrayResidual = fwdTypes.get(fwdTypes.size() - 1).getKind() == TypeKind.ARRAY;
    List<Type> gradient = sig.differentiatedParams().stream().map(Callee.Param::type).toList();
    List<VjpPasses.Pass> bwdPasses = new ArrayList<>();
    for (int i = 0; i < gradient.size(); i++) {
      BackwardPass mode = new BackwardPass(gradient, arrayResidual ? residuals.size() : -1, i,
          records == null ? null : RecordGradientLeaf.of(records, i));
      Callee bwdSig = records == null ? null : leafSignature(bwd, leafParams(bwd, bwd.getParameters().size()),
          gradient.get(i));
      Optional<Function> body = reader.apply(new BodyParser(trees, i == 0 ? report : new Report(), callees, bwd,
          null, mode, bwdSig));
      if (body.isEmpty()) {
        return Optional.empty();
      }
      List<Callee.Param> params = records == null ? bwdParams(bwd, sig, mode.residualLeaves())
          : recordBwdParams(bwd, records, mode.residualLeaves(), sig.returnType());
      bwdPasses.add(new VjpPasses.Pass(spec.bwd(), params, body.get().body()));
    }
    List<Callee.Param> fwdParams = records != null ? leafParams(fwd, fwd.getParameters().size())
        : IntStream.range(0, sig.params().size()).mapToObj(i -> new Callee.Param(
            fwd.getParameters().get(i).getSimpleName().toString(), sig.params().get(i).type(), false)).toList();
    return Optional.of(new VjpPasses(new VjpPasses.Pass(spec.fwd(), fwdParams, fwdBody.get().body()), residuals,
        bwdPasses));
  }

  /** The backward pass's parameters as its body names them: its residual parameter leaf by leaf. */
  private static List<Callee.Param> bwdParams(ExecutableElement bwd, Callee sig, List<Expr.Var> residual) {
    List<Callee.Param> out = new ArrayList<>();
    List<Callee.Param> nondiff = sig.params().stream().filter(p -> !p.differentiated()).toList();
    List<? extends VariableElement> ps = bwd.getParameters();
    for (int i = 0; i < nondiff.size(); i++) {
      out.add(new Callee.Param(ps.get(i).getSimpleName().toString(), nondiff.get(i).type(), false));
    }
    residual.forEach(r -> out.add(new Callee.Param(r.name(), r.type(), false)));
    out.add(new Callee.Param(ps.get(ps.size() - 1).getSimpleName().toString(), sig.returnType(), false));
    return out;
  }

  /**
   * The backward pass's parameters, of a function with records: its non-differentiated parameters
   * leaf by leaf, its residual leaves, the cotangent.
   */
  private static List<Callee.Param> recordBwdParams(ExecutableElement bwd, RecordSignature records,
      List<Expr.Var> residual, Type cotangent) {
    int nondiff = (int) records.params().stream().filter(p -> !p.differentiated()).count();
    List<Callee.Param> out = new ArrayList<>(leafParams(bwd, nondiff));
    residual.forEach(r -> out.add(new Callee.Param(r.name(), r.type(), false)));
    List<? extends VariableElement> ps = bwd.getParameters();
    VariableElement g = ps.get(ps.size() - 1);
    RecordShape shape = RecordShape.of(g.asType());
    if (shape == null) {
      out.add(new Callee.Param(g.getSimpleName().toString(), cotangent, false));
    } else {
      // A record result's cotangent, leaf by leaf.
      shape.leaves().forEach(l -> out.add(new Callee.Param(g.getSimpleName() + "_" + l.suffix(), l.type(), false)));
    }
    return out;
  }

  /** The first {@code count} parameters of a pass, a record's as the body reads it, leaf by leaf. */
  private static List<Callee.Param> leafParams(ExecutableElement pass, int count) {
    List<Callee.Param> out = new ArrayList<>();
    for (VariableElement p : pass.getParameters().subList(0, count)) {
      String name = p.getSimpleName().toString();
      RecordShape shape = RecordShape.of(p.asType());
      if (shape == null) {
        out.add(new Callee.Param(name, TypeMapper.map(p.asType()), false));
      } else {
        shape.leaves().forEach(l -> out.add(new Callee.Param(name + "_" + l.suffix(), l.type(), false)));
      }
    }
    return out;
  }

  /** A pass's own signature over {@code params}, which nothing calls: its body is spliced. */
  private static Callee leafSignature(ExecutableElement pass, List<Callee.Param> params, Type result) {
    return new Callee("", "", pass.getSimpleName().toString(), params, result, true, 1);
  }

  private static ExecutableElement method(ExecutableElement f, String name) {
    return ElementFilter.methodsIn(f.getEnclosingElement().getEnclosedElements()).stream()
        .filter(m -> m.getSimpleName().contentEquals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the rule " + name + " was checked to exist"));
  }

  /**
   * A forward pass read as differentiable code for reverse over reverse: its
   * {@code return Fwd.of(value, residuals)} assigns one local per residual leaf and returns the value.
   */
  private static final class ForwardPass implements ReadMode {
    /** The type of the primal's result. */
    private final Type valueType;
    /** The locals its residuals go to, one per leaf, found at its first return. */
    private List<Expr.Var> residualLeaves;

    ForwardPass(Type valueType) {
      this.valueType = valueType;
    }

    /** The locals holding its residuals. */
    List<Expr.Var> residualLeaves() {
      return residualLeaves == null ? List.of() : List.copyOf(residualLeaves);
    }

    /**
     * {@code return Fwd.of(value, residuals)}: the residual leaves go to their locals, the value is
     * returned; residuals are a number, {@code new double[] {...}} or a record.
     */
    @Override
    public Expr readReturn(ReadContext cx, ExpressionTree e, TreePath parent, List<Stmt> out) {
      TreePath path = new TreePath(parent, e);
      Element target = e instanceof MethodInvocationTree ? cx.trees.getElement(path) : null;
      Element owner = target == null ? null : target.getEnclosingElement();
      // A record or array result's pass returns RecordFwd.of(value, residuals).
      boolean whole = valueType == Type.OBJECT || valueType.isArray();
      String fwdClass = whole ? "io.jgrad.runtime.RecordFwd" : "io.jgrad.runtime.Fwd";
      if (!(e instanceof MethodInvocationTree m) || m.getArguments().size() != 2
          || !target.getSimpleName().contentEquals("of") || !(owner instanceof TypeElement te)
          || !te.getQualifiedName().contentEquals(fwdClass)) {
        return cx.failed(Codes.RULE_RETURN, "for second order, a forward pass ends each path with return "
            + fwdClass.substring(fwdClass.lastIndexOf('.') + 1) + ".of(value, residuals)", e);
      }
      // A record or array value is not read: pullback functions take the residuals only (and the value
      // may call the rule's own function, which differentiated again would need its own pullbacks).
      Expr value = whole ? Exprs.lit(Type.DOUBLE, 0)
          : coerce(cx.expr(m.getArguments().get(0), path), valueType);
      List<Expr> leaves = residuals(cx, m.getArguments().get(1), path);
      if (residualLeaves == null) {
        residualLeaves = new ArrayList<>();
        for (int j = 0; j < leaves.size(); j++) {
          String name = "residual" + j;
          for (int k = 2; cx.usedNames.contains(name); k++) {
            name = "residual" + j + "_" + k;
          }
          cx.usedNames.add(name);
          residualLeaves.add(new Expr.Var(name, leaves.get(j).type()));
        }
      } else if (residualLeaves.size() != leaves.size()) {
        cx.error(Codes.RULE_RETURN, "for second order, every path of a forward pass returns as many residuals;"
            + " this one returns " + leaves.size() + ", an earlier one " + residualLeaves.size(),
            m.getArguments().get(1));
        return value;
      }
      for (int j = 0; j < leaves.size(); j++) {
        out.add(new Stmt.Assign(residualLeaves.get(j), coerce(leaves.get(j), residualLeaves.get(j).type()), false));
      }
      return value;
    }

    /** The leaves of a forward pass's residuals. */
    private static List<Expr> residuals(ReadContext cx, ExpressionTree e, TreePath parent) {
      TreePath path = new TreePath(parent, e);
      if (e instanceof NewArrayTree n && n.getInitializers() != null) {
        return n.getInitializers().stream().map(x -> coerce(cx.expr(x, path), Type.DOUBLE)).toList();
      }
      TypeMirror mirror = cx.trees.getTypeMirror(path);
      RecordShape shape = mirror == null ? null : RecordShape.of(mirror);
      if (shape != null) {
        return cx.records.record(e, parent, shape);
      }
      if (mirror != null && (mirror.getKind() == TypeKind.DOUBLE || mirror.getKind() == TypeKind.FLOAT
          || mirror.toString().equals("java.lang.Double"))) {
        return List.of(coerce(cx.expr(e, parent), Type.DOUBLE));
      }
      cx.error(Codes.RULE_RETURN, "for second order, the residuals of a forward pass are a number, new double[]"
          + " {...} or a record, so that the backward pass can be differentiated", e);
      return List.of(dummy());
    }

    /** The residual locals are declared first: every path assigns them before it returns. */
    @Override
    public List<Stmt> finish(List<Stmt> body) {
      if (residualLeaves == null) {
        return body;
      }
      return Stream.concat(residualLeaves.stream().map(Stmt.Declare::new), body.stream()).toList();
    }
  }

  /**
   * A backward pass read as differentiable code for reverse over reverse: it reads its residual
   * parameter leaf by leaf (an array at constant indices) and returns component {@code component} of
   * the gradient.
   */
  private static final class BackwardPass implements ReadMode {
    /** The types of the gradient's components. */
    private final List<Type> gradient;
    /** How many elements its array residual has (what the forward pass creates), else -1. */
    private final int residualLength;
    /** Which component of the gradient it returns. */
    private final int component;
    /** The leaves of its residual parameter. */
    private List<Expr.Var> residualLeaves;
    /** The residual parameter, an array read element by element, or a boxed number. */
    private Element residualParam;
    /** Where the component is in the returned gradient of a function with records, else null. */
    private final RecordGradientLeaf leaf;

    BackwardPass(List<Type> gradient, int residualLength, int component, RecordGradientLeaf leaf) {
      this.gradient = gradient;
      this.residualLength = residualLength;
      this.component = component;
      this.leaf = leaf;
    }

    /** The leaves of its residual parameter. */
    List<Expr.Var> residualLeaves() {
      return residualLeaves == null ? List.of() : List.copyOf(residualLeaves);
    }

    /**
     * Binds the residual parameter, the one after the primal's non-differentiated ones: an array
     * becomes one value per element, a number (boxed or not) one value; a record is read leaf by leaf
     * like any record parameter.
     */
    @Override
    public void bindParameter(ReadContext cx, int index, VariableElement p, String name) {
      if (index != cx.method.getParameters().size() - 2) {
        return;
      }
      if (cx.recordLocals.containsKey(p)) {
        residualLeaves = new ArrayList<>(cx.recordLocals.get(p));
        return;
      }
      residualParam = p;
      residualLeaves = new ArrayList<>();
      if (residualLength < 0) {
        residualLeaves.add(new Expr.Var(name, Type.DOUBLE));
      }
      for (int j = 0; j < residualLength; j++) {
        residualLeaves.add(new Expr.Var(name + "_" + j, Type.DOUBLE));
        cx.usedNames.add(name + "_" + j);
      }
    }

    /** The residual parameter of a backward pass: its one value, or {@code res[2]}, its third element. */
    @Override
    public Expr readParameter(ReadContext cx, ExpressionTree e, TreePath path) {
      if (residualParam == null) {
        return null;
      }
      if (e instanceof IdentifierTree t && residualParam.equals(cx.trees.getElement(path))) {
        return residualLength < 0 ? residualLeaves.get(0) : cx.failed(Codes.UNSUPPORTED_EXPRESSION, "for second"
            + " order, a backward pass reads its residual array element by element at constant indices ("
            + t.getName() + "[0], " + t.getName() + "[1], ...), so that each element is a value of its own", t);
      }
      if (!(residualLength >= 0 && e instanceof ArrayAccessTree a && a.getExpression() instanceof IdentifierTree id
          && residualParam.equals(cx.trees.getElement(new TreePath(path, id))))) {
        return null;
      }
      if (a.getIndex() instanceof LiteralTree l && l.getValue() instanceof Integer i && i >= 0
          && i < residualLength) {
        return residualLeaves.get(i);
      }
      return cx.failed(Codes.UNSUPPORTED_EXPRESSION, "for second order, a backward pass reads its residual array at"
          + " constant indices from 0 to " + (residualLength - 1) + " (the forward pass creates " + residualLength
          + " elements)", a);
    }

    /**
     * The returned gradient's component {@code component}: the value itself for one differentiated
     * parameter, else argument {@code component} of {@code new FGrad(...)}; {@code null} is zero.
     */
    @Override
    public Expr readReturn(ReadContext cx, ExpressionTree e, TreePath parent, List<Stmt> out) {
      Type type = gradient.get(component);
      if (e.getKind() == Tree.Kind.NULL_LITERAL) {
        return Exprs.lit(type, 0);
      }
      if (leaf != null) {
        return recordComponent(cx, e, parent, type);
      }
      if (gradient.size() == 1) {
        return coerce(cx.expr(e, parent), type);
      }
      if (e instanceof NewClassTree n && n.getClassBody() == null && n.getArguments().size() == gradient.size()) {
        ExpressionTree arg = n.getArguments().get(component);
        return arg.getKind() == Tree.Kind.NULL_LITERAL ? Exprs.lit(type, 0)
            : coerce(cx.expr(arg, new TreePath(parent, e)), type);
      }
      return cx.failed(Codes.RULE_RETURN, "for second order, a backward pass ends each path with return null or return"
          + " new ...Grad(...) of " + gradient.size() + " components", e);
    }

    /**
     * The component of a gradient with records: argument {@link RecordGradientLeaf#argument} of
     * {@code new FGrad(...)} (the value itself for one parameter), and in a record, its leaf.
     */
    private Expr recordComponent(ReadContext cx, ExpressionTree e, TreePath parent, Type type) {
      ExpressionTree arg = e;
      TreePath at = parent;
      if (leaf.arguments() > 1) {
        if (!(e instanceof NewClassTree n && n.getClassBody() == null && n.getArguments().size() == leaf.arguments())) {
          return cx.failed(Codes.RULE_RETURN, "for second order, a backward pass ends each path with return null or"
              + " return new ...Grad(...) of " + leaf.arguments() + " components", e);
        }
        arg = n.getArguments().get(leaf.argument());
        at = new TreePath(parent, e);
      }
      if (arg.getKind() == Tree.Kind.NULL_LITERAL) {
        return Exprs.lit(type, 0);
      }
      return leaf.shape() == null ? coerce(cx.expr(arg, at), type)
          : coerce(cx.records.record(arg, at, leaf.shape()).get(leaf.leaf()), type);
    }
  }
}

package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;
import static io.jgrad.processor.parse.ReadContext.dummy;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Reads records leaf by leaf: a record parameter or local is one scalar local per leaf, a record
 * value the list of its leaves, a returned record a {@link Expr.RecordValue}, and a call to a
 * function with records in its signature a call to its flat function.
 */
final class RecordReader {
  private final ReadContext cx;
  /** How many calls of functions with a record result were read: each call's number for its leaves. */
  private int recordCalls;

  RecordReader(ReadContext cx) {
    this.cx = cx;
  }

  /** A record parameter: one local per leaf, named {@code name_suffix}. */
  void bindParameter(Element p, String name, RecordShape shape) {
    List<Expr.Var> leaves = new ArrayList<>();
    for (RecordShape.Leaf leaf : shape.leaves()) {
      leaves.add(new Expr.Var(name + "_" + leaf.suffix(), leaf.type()));
      cx.usedNames.add(name + "_" + leaf.suffix());
    }
    cx.recordLocals.put(p, leaves);
  }

  /** {@code Point p = ...;}: one local per leaf, assigned the initializer's leaves. */
  void local(VariableTree t, TreePath path, Element element, RecordShape shape, List<Stmt> out) {
    if (shape.leaves().stream().anyMatch(l -> l.type() == Type.OBJECT && !"java.lang.String".equals(l.javaType()))) {
      cx.error(Codes.UNSUPPORTED_TYPE, "a record local with an enum or interface component is not supported yet;"
          + " hint: read the components from the parameter or the call directly", t);
      cx.rejectedLocals.add(element);
      return;
    }
    List<Expr.Var> leaves = new ArrayList<>();
    String base = cx.declare(element);
    for (RecordShape.Leaf leaf : shape.leaves()) {
      leaves.add(new Expr.Var(cx.fresh(base + "_" + leaf.suffix()), leaf.type()));
    }
    List<Expr> values = t.getInitializer() == null ? null : record(t.getInitializer(), path, shape);
    cx.recordLocals.put(element, leaves);
    for (int i = 0; i < leaves.size(); i++) {
      out.add(values == null ? new Stmt.Declare(leaves.get(i))
          : new Stmt.Assign(leaves.get(i), coerce(values.get(i), leaves.get(i).type()), true));
    }
  }

  /** {@code p = value;} into the record local {@code target}. */
  void assign(AssignmentTree a, TreePath path, Element target, List<Stmt> out) {
    List<Expr.Var> leaves = cx.recordLocals.get(target);
    List<Expr> values = record(a.getExpression(), path, RecordShape.of(target.asType()));
    // Through temporaries: p = new Point(p.y(), p.x()) reads the old leaves before writing.
    List<Expr.Var> temps = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      Expr.Var temp = new Expr.Var(cx.fresh(leaves.get(i).name() + "New"), leaves.get(i).type());
      temps.add(temp);
      out.add(new Stmt.Assign(temp, coerce(values.get(i), temp.type()), true));
    }
    for (int i = 0; i < leaves.size(); i++) {
      out.add(new Stmt.Assign(leaves.get(i), temps.get(i), false));
    }
  }

  /** A returned record: all its leaves. */
  Expr recordResult(ExpressionTree e, TreePath parent, RecordShape shape) {
    return new Expr.RecordValue(shape, record(e, parent, shape));
  }

  /**
   * The leaves of a record-valued expression, in {@link RecordShape#leaves()} order, each of its leaf's
   * type: a record local or parameter, {@code new Point(a, b)} (its arguments converted), a component
   * that is itself a record, a call to a differentiable function returning a record, or a conditional
   * between them.
   */
  List<Expr> record(ExpressionTree e, TreePath parent, RecordShape shape) {
    TreePath path = new TreePath(parent, e);
    int size = shape.leaves().size();
    if (e instanceof ParenthesizedTree p) {
      return record(p.getExpression(), path, shape);
    }
    Optional<List<Expr>> derivative = cx.derivativeCalls.recordLeaves(e, path, shape);
    if (derivative.isPresent()) {
      return derivative.get();
    }
    if (e instanceof IdentifierTree) {
      Element element = cx.trees.getElement(path);
      if (cx.javacFailed(element)) {
        return dummies(size);
      }
      if (cx.recordLocals.containsKey(element)) {
        return new ArrayList<>(cx.recordLocals.get(element));
      }
    }
    if (e instanceof NewClassTree n && n.getClassBody() == null
        && n.getArguments().size() == shape.components().size()) {
      List<Expr> out = new ArrayList<>();
      for (int i = 0; i < shape.components().size(); i++) {
        RecordShape.Component c = shape.components().get(i);
        out.addAll(leaves(n.getArguments().get(i), path, c.nested(), c.type()));
      }
      return out;
    }
    if (e instanceof ConditionalExpressionTree c) {
      Expr cond = cx.expr(c.getCondition(), path);
      List<Expr> a = record(c.getTrueExpression(), path, shape);
      List<Expr> b = record(c.getFalseExpression(), path, shape);
      List<Expr> out = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        out.add(new Expr.Conditional(cond, a.get(i), b.get(i), shape.leaves().get(i).type()));
      }
      return out;
    }
    if (e instanceof MethodInvocationTree t) {
      if (!(cx.trees.getElement(path) instanceof ExecutableElement callee)) {
        cx.javacError = true;
        return dummies(size);
      }
      if (isAccessor(callee) && t.getMethodSelect() instanceof MemberSelectTree m) {
        TreePath receiverPath = new TreePath(path, m);
        RecordShape outer = RecordShape.of(cx.trees.getTypeMirror(new TreePath(receiverPath, m.getExpression())));
        if (outer != null) {
          int[] span = outer.span(callee.getSimpleName().toString());
          return new ArrayList<>(record(m.getExpression(), receiverPath, outer).subList(span[0], span[0] + span[1]));
        }
      }
      if (CalleeResolver.isDifferentiable(callee) && RecordSignatureReader.involvesRecords(callee)) {
        return recordCall(t, path, callee);
      }
    }
    cx.error(Codes.UNSUPPORTED_EXPRESSION, "this record value is not in the differentiable subset: a record is a"
        + " record local or parameter, new " + shape.qualifiedName().substring(shape.qualifiedName().lastIndexOf('.') + 1)
        + "(...), a component, a call to a differentiable function, or a conditional between them", e);
    return dummies(size);
  }

  /**
   * A call to a differentiable function with records in its signature: the arguments scalarized leaf
   * by leaf, one call of {@code g_flat}, read leaf by leaf for a record result.
   */
  List<Expr> recordCall(MethodInvocationTree t, TreePath path, ExecutableElement callee) {
    if (cx.callsItself(callee, t)) {
      return dummies(1);
    }
    for (var p : callee.getParameters()) {
      if (RecordShape.isRecord(p.asType()) && RecordShape.of(p.asType()) == null) {
        cx.error(Codes.UNSUPPORTED_TYPE, callee.getSimpleName() + " takes a record jgrad cannot scalarize", t);
        return dummies(1);
      }
    }
    RecordSignature sig = RecordSignatureReader.read(callee, cx.callees);
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < t.getArguments().size(); i++) {
      RecordSignature.UserParam p = sig.params().get(i);
      args.addAll(leaves(t.getArguments().get(i), path, p.shape(), p.shape() == null ? p.param().type() : null));
    }
    if (sig.result() == null) {
      return List.of(new Expr.Call(sig.flat(), List.copyOf(args), sig.flat().returnType()));
    }
    // Every leaf read from this one call: the normalizer makes it one call, whose leaves they read.
    int site = recordCalls++;
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < sig.result().leaves().size(); i++) {
      Callee leafCall = sig.flat().readingLeaf(i, site);
      out.add(new Expr.Call(leafCall, List.copyOf(args), leafCall.returnType()));
    }
    return out;
  }

  /** The leaves of {@code e}, a record of {@code shape}, or its one value of {@code type} when not a record. */
  private List<Expr> leaves(ExpressionTree e, TreePath path, RecordShape shape, Type type) {
    return shape != null ? record(e, path, shape) : List.of(coerce(cx.expr(e, path), type));
  }

  private static List<Expr> dummies(int n) {
    return new ArrayList<>(java.util.Collections.nCopies(n, dummy()));
  }

  /** Whether {@code m} is a record component's accessor ({@code p.x()}). */
  static boolean isAccessor(ExecutableElement m) {
    Element owner = m.getEnclosingElement();
    return RecordShape.isRecord(owner.asType()) && m.getParameters().isEmpty()
        && !m.getModifiers().contains(Modifier.STATIC)
        && ((TypeElement) owner).getRecordComponents().stream()
            .anyMatch(c -> m.equals(c.getAccessor()));
  }

  /** {@code r.x()} where {@code x} is a leaf: the scalarized local (or value) of that leaf. */
  Expr componentRead(MethodInvocationTree t, TreePath path, ExecutableElement accessor) {
    if (!(t.getMethodSelect() instanceof MemberSelectTree m)) {
      return cx.failed(Codes.UNSUPPORTED_EXPRESSION, "a record's own methods cannot be called in a differentiable"
          + " function", t);
    }
    TreePath receiverPath = new TreePath(path, m);
    RecordShape shape = RecordShape.of(cx.trees.getTypeMirror(new TreePath(receiverPath, m.getExpression())));
    RecordShape.Component c = shape == null ? null : shape.component(accessor.getSimpleName().toString());
    if (c == null) {
      return cx.failed(Codes.UNSUPPORTED_TYPE, "the record " + accessor.getEnclosingElement().getSimpleName()
          + " has a component outside the differentiable subset (double, float, int, long, boolean, String,"
          + " enums, such records)", t);
    }
    if (c.nested() != null) {
      return cx.failed(Codes.UNSUPPORTED_EXPRESSION, "the record " + t + " can be read component by component", t);
    }
    return record(m.getExpression(), receiverPath, shape).get(shape.span(c.name())[0]);
  }
}

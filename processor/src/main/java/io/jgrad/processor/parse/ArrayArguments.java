package io.jgrad.processor.parse;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * Arrays created with an initializer as an argument of a call to a differentiable function or a
 * derivative call ({@code g(new double[] {a, b})}, {@code fGrad(new double[] {a, b})}) in a
 * statement at the top level of the body: each is lifted into a local array the statement starts
 * with ({@code double[] w = new double[2]; w[0] = a; w[1] = b;}), so that every reader sees a local
 * array the function created. Elsewhere (in a loop or a branch, where jgrad declares no arrays)
 * {@link ExpressionReader} still refuses it with a hint.
 */
final class ArrayArguments {
  private ArrayArguments() {}

  /**
   * Lifts the array arguments of {@code s} at {@code path} into locals appended to {@code out},
   * noted in {@link ReadContext#liftedArrays}; nothing where {@code s} is not at the top level of
   * the body.
   */
  static void lift(ReadContext cx, StatementTree s, TreePath path, List<Stmt> out) {
    TreePath block = path.getParentPath();
    if (block == null || block.getParentPath() == null
        || !(block.getParentPath().getLeaf() instanceof MethodTree)) {
      return;
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitLambdaExpression(LambdaExpressionTree t, Void v) {
        return null; // a lambda's body is read as code of its own
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree t, Void v) {
        super.visitMethodInvocation(t, v);
        if (!differentiable(cx, t, getCurrentPath())) {
          return null;
        }
        Element called = cx.trees.getElement(getCurrentPath());
        List<? extends ExpressionTree> args = t.getArguments();
        for (int i = 0; i < args.size(); i++) {
          if (args.get(i) instanceof NewArrayTree n && n.getInitializers() != null && n.getDimensions().isEmpty()) {
            String name = called instanceof ExecutableElement e && i < e.getParameters().size()
                ? e.getParameters().get(i).getSimpleName().toString() : "array";
            lift(cx, n, new TreePath(getCurrentPath(), n), name, out);
          }
        }
        return null;
      }
    }.scan(path, null);
  }

  /** Whether {@code t} calls a differentiable function or a generated entry point. */
  private static boolean differentiable(ReadContext cx, MethodInvocationTree t, TreePath path) {
    return cx.trees.getElement(path) instanceof ExecutableElement e && CalleeResolver.isDifferentiable(e)
        || DerivativeCallTarget.of(t, cx.unit, cx.callees.elements).isPresent();
  }

  /** {@code n} as a fresh local array named after {@code name}, its elements written one by one. */
  private static void lift(ReadContext cx, NewArrayTree n, TreePath path, String name, List<Stmt> out) {
    Type type = TypeMapper.map(cx.trees.getTypeMirror(path));
    if (type == null || !type.isArray() || type.element().isArray()) {
      return; // ExpressionReader reports it
    }
    List<? extends ExpressionTree> elements = n.getInitializers();
    Expr.Var array = new Expr.Var(cx.fresh(name), type);
    out.add(new Stmt.Assign(array, new Expr.NewArray(type, Exprs.lit(Type.INT, elements.size())), true));
    for (int k = 0; k < elements.size(); k++) {
      out.add(new Stmt.ArrayWrite(array, Exprs.lit(Type.INT, k),
          ReadContext.coerce(cx.expr(elements.get(k), path), type.element())));
    }
    cx.liftedArrays.put(n, array);
  }
}

package io.jgrad.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;

/**
 * The local arrays given to a call read into a local array ({@code double[] g =
 * fVjp(x).pullback(u)}, {@code fGrad(w)}, {@code fJvp(x, v).tangent()}), copied at the call where
 * the body writes them later: the call's pullback reads its arguments when the caller's reverse
 * pass runs, and must see them as they were at the call.
 */
final class ArgumentCopies {
  private ArgumentCopies() {}

  /**
   * {@code read} with each local array argument the body writes after {@code declaration} replaced
   * by a copy made just before it, whose statements go to {@code out} (their declarations to
   * {@code declarations}, which must stay at the top level); {@code read} itself where none is.
   */
  static Expr kept(ReadContext cx, CopyLoops loops, Expr read, Tree declaration, List<Stmt> out,
      Map<Stmt, Tree> declarations) {
    if (!(read instanceof Expr.Call call)) {
      return read;
    }
    List<Expr> args = new ArrayList<>();
    boolean copied = false;
    for (Expr a : call.args()) {
      Element local = a instanceof Expr.Var v && v.type().isArray() ? local(cx, v.name()) : null;
      if (local == null || !writtenAfter(cx, local, declaration)) {
        args.add(a);
        continue;
      }
      Expr.Var copy = new Expr.Var(cx.fresh(((Expr.Var) a).name() + "AtCall"), a.type());
      for (Stmt s : loops.cloneOf(copy, a)) {
        if (s instanceof Stmt.Assign assign && assign.value() instanceof Expr.NewArray) {
          declarations.put(s, declaration);
        }
        out.add(s);
      }
      args.add(copy);
      copied = true;
    }
    return copied ? new Expr.Call(call.callee(), args, call.type()) : read;
  }

  /** The local variable of the body named {@code name} in the IR, or null (a parameter). */
  private static Element local(ReadContext cx, String name) {
    return cx.names.entrySet().stream()
        .filter(e -> e.getValue().equals(name) && e.getKey().getKind() == ElementKind.LOCAL_VARIABLE)
        .map(Map.Entry::getKey).findFirst().orElse(null);
  }

  /**
   * Whether the body writes an element of {@code array} after {@code after} ends: an assignment,
   * a compound one, an increment, or {@code System.arraycopy} / {@code Arrays.fill} into it. Source
   * order is run order here: a local array, and so such a call, is declared at the top level only.
   */
  static boolean writtenAfter(ReadContext cx, Element array, Tree after) {
    long end = cx.trees.getSourcePositions().getEndPosition(cx.unit, after);
    TreePath body = cx.trees.getPath(cx.method);
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree t, Void v) {
        check(t.getVariable(), t, true);
        return super.visitAssignment(t, v);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree t, Void v) {
        check(t.getVariable(), t, true);
        return super.visitCompoundAssignment(t, v);
      }

      @Override
      public Void visitUnary(UnaryTree t, Void v) {
        check(t.getExpression(), t, true);
        return super.visitUnary(t, v);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree t, Void v) {
        LocalArrayReader.CopyCall call = LocalArrayReader.CopyCall.of(cx.trees.getElement(getCurrentPath()));
        if (call == LocalArrayReader.CopyCall.ARRAYCOPY && t.getArguments().size() == 5) {
          check(t.getArguments().get(2), t, false);
        } else if (call == LocalArrayReader.CopyCall.FILL && !t.getArguments().isEmpty()) {
          check(t.getArguments().get(0), t, false);
        }
        return super.visitMethodInvocation(t, v);
      }

      /** Notes a write into {@code array} by {@code at}: through an element, or the whole array. */
      private void check(ExpressionTree target, Tree at, boolean element) {
        ExpressionTree e = ReadContext.unwrap(target);
        TreePath path = getCurrentPath();
        if (element) {
          if (!(e instanceof ArrayAccessTree access)) {
            return;
          }
          path = new TreePath(path, access);
          e = ReadContext.unwrap(access.getExpression());
        }
        if (e instanceof IdentifierTree id && array.equals(cx.trees.getElement(new TreePath(path, id)))
            && cx.trees.getSourcePositions().getStartPosition(cx.unit, at) > end) {
          found[0] = true;
        }
      }
    }.scan(body, null);
    return found[0];
  }
}

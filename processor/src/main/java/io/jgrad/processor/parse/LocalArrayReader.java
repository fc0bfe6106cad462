package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;
import static io.jgrad.processor.parse.ReadContext.dummy;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads the arrays a function creates and writes: {@code new double[n]}, copies ({@code clone()},
 * {@code Arrays.copyOf}), {@code y[i] = v}, {@code System.arraycopy} and {@code Arrays.fill} (as the
 * loops {@link CopyLoops} builds), and checks that they are declared where reverse mode still sees them.
 */
final class LocalArrayReader {
  /** The library calls jgrad reads as loops. */
  enum CopyCall {
    ARRAYCOPY, FILL, COPY_OF, COPY_OF_RANGE, CLONE;

    /** Which of them {@code m} is, or null. */
    static CopyCall of(Element m) {
      if (!(m instanceof ExecutableElement) || !(m.getEnclosingElement() instanceof TypeElement owner)) {
        return null;
      }
      String call = owner.getQualifiedName() + "." + m.getSimpleName();
      return switch (call) {
        case "java.lang.System.arraycopy" -> ARRAYCOPY;
        case "java.util.Arrays.fill" -> FILL;
        case "java.util.Arrays.copyOf" -> COPY_OF;
        case "java.util.Arrays.copyOfRange" -> COPY_OF_RANGE;
        // javac's class of all arrays, which declares their clone()
        case "Array.clone" -> CLONE;
        default -> null;
      };
    }
  }

  private final ReadContext cx;
  /** Local arrays the function creates ({@code new double[n]}): the only arrays it may write into. */
  private final Set<Element> arrayLocals = new HashSet<>();
  /** The declarations of local arrays, which must stay at the top level of the body. */
  private final Map<Stmt, Tree> arrayDeclarations = new IdentityHashMap<>();
  private final CopyLoops loops;

  LocalArrayReader(ReadContext cx) {
    this.cx = cx;
    this.loops = new CopyLoops(cx);
  }

  /**
   * {@code double[] y = new double[n];}: a fresh array the function may write into. Aliases
   * ({@code double[] z = x;}) and other initializers are refused: a write through one would change
   * an array jgrad does not track.
   */
  void local(VariableTree t, TreePath path, Element element, Type type, List<Stmt> out) {
    ExpressionTree init = ReadContext.unwrap(t.getInitializer());
    if (init instanceof MethodInvocationTree call) {
      // double[] g = XDerivatives.fGrad(w): the gradient as an array, read-only here like g(x)'s below.
      int errors = cx.report.errorCount();
      boolean javac = cx.javacError;
      Optional<Expr> gradient = cx.derivativeCalls.readArray(call, new TreePath(path, call));
      Expr.Prim scaled = gradient.map(ArrayDerivativeCalls::asScaled).orElse(null);
      if (scaled != null && cx.report.errorCount() == errors && cx.javacError == javac) {
        // double[] p = fVjp(w).pullback(s): the gradient into a local, then p[i] = s * gradient[i].
        Expr.Var g = new Expr.Var(cx.fresh(element.getSimpleName() + "Gradient"), type);
        Expr read = ArgumentCopies.kept(cx, loops, scaled.args().get(1), t, out, arrayDeclarations);
        cx.positions.putIfAbsent(read, call);
        declaration(new Stmt.Assign(g, read, true), t, out);
        List<Stmt> copy = loops.scaledCopy(new Expr.Var(cx.declare(element), type), g, scaled.args().get(0));
        copy.stream().filter(s -> s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray)
            .forEach(s -> arrayDeclarations.put(s, t));
        arrayLocals.add(element);
        out.addAll(copy);
        return;
      }
      if (gradient.isPresent() && cx.report.errorCount() == errors && cx.javacError == javac) {
        // Its pullback reads the arrays it is given when the caller's reverse pass runs: as they are now.
        Expr read = ArgumentCopies.kept(cx, loops, gradient.get(), t, out, arrayDeclarations);
        cx.positions.putIfAbsent(read, call);
        declaration(new Stmt.Assign(new Expr.Var(cx.declare(element), type), read, true), t, out);
        return;
      }
      if (gradient.isPresent()) {
        cx.rejectedLocals.add(element);
        return;
      }
    }
    if (init instanceof MethodInvocationTree call && cx.trees.getElement(new TreePath(path, call)) instanceof ExecutableElement callee
        && CalleeResolver.isDifferentiable(callee) && !RecordSignatureReader.involvesRecords(callee)
        && TypeMapper.map(callee.getReturnType()) == type) {
      // double[] y = g(x): the array a differentiable function returns, read-only here.
      Expr value = cx.callsItself(callee, call) ? dummy()
          : ArgumentCopies.kept(cx, loops, new Expr.Call(cx.callees.resolve(callee),
              cx.exprs(call.getArguments(), new TreePath(path, call)), type), t, out, arrayDeclarations);
      cx.positions.putIfAbsent(value, call);
      declaration(new Stmt.Assign(new Expr.Var(cx.declare(element), type), value, true), t, out);
      return;
    }
    List<Stmt> copy = copyLocal(init, path, element, type);
    if (copy != null) {
      copy.stream().filter(s -> s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray)
          .forEach(s -> arrayDeclarations.put(s, t));
      out.addAll(copy);
      if (copy.isEmpty()) {
        cx.rejectedLocals.add(element);
      }
      return;
    }
    if (!(init instanceof NewArrayTree n) || n.getDimensions().size() != 1 || n.getInitializers() != null) {
      cx.error(Codes.UNSUPPORTED_TYPE, "an array local must be created by the function, with new "
          + type.element().javaName() + "[n], clone(), Arrays.copyOf or Arrays.copyOfRange; hint: index a"
          + " parameter directly, or copy it into a new array", t);
      cx.rejectedLocals.add(element);
      return;
    }
    Expr length = coerce(cx.expr(n.getDimensions().get(0), new TreePath(path, init)), Type.INT);
    Expr.Var var = new Expr.Var(cx.declare(element), type);
    arrayLocals.add(element);
    declaration(new Stmt.Assign(var, new Expr.NewArray(type, length), true), t, out);
  }

  /** The declaration {@code s} of the local array {@code t} declares, which {@link #check} checks. */
  private void declaration(Stmt s, Tree t, List<Stmt> out) {
    arrayDeclarations.put(s, t);
    out.add(s);
  }

  /**
   * {@code y[i] = v}, {@code y[i] += v}, {@code y[i]++} into a local array; a write into anything
   * else (a parameter's array, which belongs to the caller) is reported.
   */
  void write(ArrayAccessTree target, TreePath parent, Tree.Kind op, ExpressionTree valueTree, Tree at,
      List<Stmt> out) {
    TreePath path = new TreePath(parent, target);
    Expr.Var arrayVar = localArray(target.getExpression(), path, target);
    if (arrayVar == null) {
      return;
    }
    Type type = arrayVar.type();
    Expr index = index(target.getIndex(), path);
    Expr value = valueTree == null ? Exprs.lit(Type.INT, 1) : cx.expr(valueTree, parent);
    Type element = type.element();
    if (op != null) {
      Expr old = new Expr.ArrayRead(arrayVar, index, element);
      value = cx.expressions.arithmetic(op, old, value, Exprs.promote(element, value.type()), at);
    }
    out.add(new Stmt.ArrayWrite(arrayVar, index, coerce(value, element)));
  }

  /** The local array {@code arrayTree} names, or null after reporting a write into any other array. */
  private Expr.Var localArray(ExpressionTree arrayTree, TreePath path, Tree at) {
    Element array = arrayTree instanceof IdentifierTree ? cx.trees.getElement(new TreePath(path, arrayTree)) : null;
    if (array == null || !arrayLocals.contains(array)) {
      cx.error(Codes.ARRAY_WRITE, "a differentiable function may write only into a local array it created"
          + " (double[] y = new double[n]); hint: copy the values into such an array", at);
      return null;
    }
    return new Expr.Var(cx.names.get(array), TypeMapper.map(array.asType()));
  }

  /**
   * {@code System.arraycopy} and {@code Arrays.fill} into a local array, read as the loops they
   * stand for; false for any other call.
   */
  boolean copyOrFill(MethodInvocationTree t, TreePath path, List<Stmt> out) {
    CopyCall call = CopyCall.of(cx.trees.getElement(path));
    if (call != CopyCall.ARRAYCOPY && call != CopyCall.FILL) {
      return false;
    }
    List<? extends ExpressionTree> a = t.getArguments();
    if (call == CopyCall.ARRAYCOPY) {
      Expr src = source(a.get(0), path);
      Expr srcPos = index(a.get(1), path);
      Expr.Var dst = localArray(a.get(2), path, a.get(2));
      Expr dstPos = index(a.get(3), path);
      Expr length = index(a.get(4), path);
      if (src == null || dst == null) {
        return true;
      }
      if (src.type() != dst.type()) {
        cx.error(Codes.UNSUPPORTED_TYPE, "System.arraycopy from a " + src.type().javaName() + " into a "
            + dst.type().javaName() + " throws ArrayStoreException; hint: copy element by element in a loop,"
            + " which converts each value", t);
        return true;
      }
      out.add(loops.arraycopy(src, srcPos, dst, dstPos, length, src.equals(dst)));
      return true;
    }
    Expr.Var dst = localArray(a.get(0), path, a.get(0));
    Expr from = a.size() == 4 ? index(a.get(1), path) : null;
    Expr to = a.size() == 4 ? index(a.get(2), path) : null;
    Expr value = cx.expr(a.get(a.size() - 1), path);
    if (dst != null) {
      out.add(loops.fill(dst, from, to, coerce(value, dst.type().element())));
    }
    return true;
  }

  /**
   * {@code T[] y = x.clone()}, {@code Arrays.copyOf(x, n)} or {@code Arrays.copyOfRange(x, from, to)}:
   * a new local array and the loop that copies into it, or null when {@code init} is none of them.
   */
  private List<Stmt> copyLocal(ExpressionTree init, TreePath path, Element element, Type type) {
    if (!(init instanceof MethodInvocationTree t)) {
      return null;
    }
    TreePath callPath = new TreePath(path, t);
    CopyCall call = CopyCall.of(cx.trees.getElement(callPath));
    if (call == null || call == CopyCall.ARRAYCOPY || call == CopyCall.FILL) {
      return null;
    }
    List<? extends ExpressionTree> a = t.getArguments();
    ExpressionTree srcTree = call == CopyCall.CLONE ? ((MemberSelectTree) t.getMethodSelect()).getExpression()
        : a.get(0);
    Expr src = source(srcTree, callPath);
    Expr from = call == CopyCall.COPY_OF_RANGE ? index(a.get(1), callPath) : null;
    Expr lengthOrTo = call == CopyCall.CLONE ? null : index(a.get(a.size() - 1), callPath);
    if (src == null) {
      return List.of();
    }
    Expr.Var dst = new Expr.Var(cx.declare(element), type);
    arrayLocals.add(element);
    return call == CopyCall.CLONE ? loops.cloneOf(dst, src) : loops.copyOf(dst, src, from, lengthOrTo);
  }

  /** The array a copy reads: a parameter or a local, which reads the same array each time. */
  private Expr source(ExpressionTree e, TreePath path) {
    Expr src = cx.expr(e, path);
    if (!src.type().isArray()) {
      return null;
    }
    if (!(src instanceof Expr.Var)) {
      cx.error(Codes.UNSUPPORTED_EXPRESSION, "jgrad copies from a parameter or a local array;"
          + " hint: store the array in a local first", e);
      return null;
    }
    return src;
  }

  private Expr index(ExpressionTree e, TreePath path) {
    return coerce(cx.expr(e, path), Type.INT);
  }

  /**
   * Local arrays are declared at the top level of the body, so that reverse mode, whose backward
   * sweep runs after the body, still sees them; an array result (not a rule's) is one local or
   * parameter returned once, at the end.
   */
  void check(List<Stmt> body, boolean jvpRule) {
    for (Stmt s : body) {
      Rewrite.bodies(s).forEach(nested -> Rewrite.forEach(nested, inner -> {
        if (arrayDeclarations.containsKey(inner)) {
          cx.error(Codes.UNSUPPORTED_STATEMENT, "a local array must be declared at the top level of the function,"
              + " not inside a loop, a branch or a block (after an early return, the rest of the function is one);"
              + " hint: declare it before the loop", arrayDeclarations.get(inner));
        }
      }));
    }
    Type result = TypeMapper.map(cx.method.getReturnType());
    if (result != null && result.isArray() && !jvpRule) {
      boolean returnedOnceAtEnd = !body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Return r
          && r.value() instanceof Expr.Var
          && !Rewrite.anyMatch(body.subList(0, body.size() - 1), Stmt.Return.class::isInstance);
      if (!returnedOnceAtEnd) {
        cx.report.error(Codes.UNSUPPORTED_RETURN, "an array result must be one local array or parameter"
            + " returned once, at the end of the function; hint: write the result into one local array"
            + " and return it", cx.method);
      }
    }
  }
}

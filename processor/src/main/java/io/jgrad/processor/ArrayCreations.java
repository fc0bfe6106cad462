package io.jgrad.processor;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.jgrad.processor.check.InvocationFinder;
import io.jgrad.processor.ir.RecordSignature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * Where a {@code @Batched} function's array or record use is, for the error that kernels cannot have
 * it: the call of the callee a path goes through, or the function's own first array creation.
 */
final class ArrayCreations {
  private ArrayCreations() {}

  /**
   * In {@code method}'s tree, the {@code new T[...]} that makes the local array {@code name} (its
   * declaration's initializer or an assignment); empty where the method has none (a callee's array).
   */
  static Optional<? extends Tree> madeAs(Tree method, String name) {
    Tree[] found = new Tree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree v, Void unused) {
        if (found[0] == null && v.getName().contentEquals(name) && v.getInitializer() instanceof NewArrayTree n) {
          found[0] = n;
        }
        return super.visitVariable(v, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree a, Void unused) {
        if (found[0] == null && a.getVariable() instanceof IdentifierTree i && i.getName().contentEquals(name)
            && a.getExpression() instanceof NewArrayTree n) {
          found[0] = n;
        }
        return super.visitAssignment(a, unused);
      }
    }.scan(method, null);
    return Optional.ofNullable(found[0]);
  }

  /** A call in a method's body and the callee, reached through it, that makes an array. */
  record CalleeArray(MethodInvocationTree call, String callee) {}

  /**
   * In the method at {@code method}, the first call through which a callee of this compilation (the
   * one called, or one it calls) makes the local array {@code name}: kernels inline callees, so a
   * callee's array is reported at the caller's call. Empty where no callee's source makes it.
   */
  static Optional<CalleeArray> madeByCallee(TreePath method, String name, Trees trees) {
    return madeByCallee(method, name, trees, new HashSet<>());
  }

  private static Optional<CalleeArray> madeByCallee(TreePath method, String name, Trees trees, Set<Element> seen) {
    List<TreePath> calls = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        calls.add(getCurrentPath());
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(method, null);
    for (TreePath call : calls) {
      Element callee = trees.getElement(call);
      TreePath body = callee instanceof ExecutableElement && seen.add(callee) ? trees.getPath(callee) : null;
      if (body == null) {
        continue;
      }
      if (madeAs(body.getLeaf(), name).isPresent()) {
        return Optional.of(new CalleeArray((MethodInvocationTree) call.getLeaf(), callee.getSimpleName().toString()));
      }
      Optional<CalleeArray> deeper = madeByCallee(body, name, trees, seen);
      if (deeper.isPresent()) {
        return Optional.of(new CalleeArray((MethodInvocationTree) call.getLeaf(), deeper.get().callee()));
      }
    }
    return Optional.empty();
  }

  /** The methods whose call creates an array, as a local's initializer or a result. */
  private static final List<String> COPIES = List.of("clone", "copyOf", "copyOfRange");

  /**
   * In {@code method}'s tree, the first call of the next function on {@code path} ({@code f → g →
   * ...}), or where {@code f} itself creates an array; empty where neither is in the tree (an array
   * result, records in the signature: the method is the place).
   */
  static Optional<? extends Tree> where(Tree method, String path) {
    String[] steps = path.split(" → ");
    if (steps.length > 1) {
      return InvocationFinder.first(method, RecordSignature.userName(steps[1]));
    }
    Tree[] found = new Tree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitNewArray(NewArrayTree array, Void unused) {
        if (found[0] == null) {
          found[0] = array;
        }
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (found[0] == null && call.getMethodSelect() instanceof MemberSelectTree m
            && COPIES.contains(m.getIdentifier().toString())) {
          found[0] = call;
        }
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(method, null);
    return Optional.ofNullable(found[0]);
  }
}

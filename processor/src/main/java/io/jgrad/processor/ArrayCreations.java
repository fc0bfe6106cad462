package io.jgrad.processor;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.jgrad.processor.check.InvocationFinder;
import io.jgrad.processor.ir.RecordSignature;
import java.util.List;
import java.util.Optional;

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

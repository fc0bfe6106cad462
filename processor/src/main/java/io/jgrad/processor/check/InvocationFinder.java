package io.jgrad.processor.check;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import java.util.Optional;

/** Finds the first call of a method by simple name in a tree: where an error about that call belongs. */
public final class InvocationFinder {
  private InvocationFinder() {}

  /** The first invocation of a method named {@code name} in {@code root}, in source order. */
  public static Optional<MethodInvocationTree> first(Tree root, String name) {
    MethodInvocationTree[] found = new MethodInvocationTree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (found[0] == null && name.equals(simpleName(call.getMethodSelect()))) {
          found[0] = call;
        }
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(root, null);
    return Optional.ofNullable(found[0]);
  }

  private static String simpleName(Tree select) {
    if (select instanceof MemberSelectTree m) {
      return m.getIdentifier().toString();
    }
    return select instanceof IdentifierTree i ? i.getName().toString() : null;
  }
}

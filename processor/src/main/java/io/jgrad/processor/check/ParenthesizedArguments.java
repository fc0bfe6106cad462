package io.jgrad.processor.check;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Finds parenthesized method arguments whose type javac could not attribute while jgrad read the
 * class (typically {@code Math.abs((FooDerivatives.fGrad(x).x()))} in the class that declares
 * {@code f}, before {@code FooDerivatives} exists). javac caches such an argument's failed
 * attribution and, in the round that has the generated class, crashes in flow analysis on the call
 * (javac 17); jgrad reports an error at the argument instead, as {@link UninferredVars} does for locals.
 */
public final class ParenthesizedArguments {
  private ParenthesizedArguments() {}

  /** Reports every such argument in the top-level class {@code top} (javac attributes it whole). */
  public static void report(TypeElement top, Trees trees, Report report) {
    var path = trees.getPath(top);
    if (path == null) {
      return;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitParenthesized(ParenthesizedTree parens, Void unused) {
        // The type javac gave the tree when it attributed the class early; null where it did not.
        TypeMirror type = trees.getTypeMirror(getCurrentPath());
        if (type != null && type.getKind() == TypeKind.ERROR && isArgument(parens)) {
          report.error(Codes.PARENTHESIZED_ARGUMENT, "javac cannot attribute this parenthesized argument: jgrad"
              + " read this class before a type it uses existed (a class jgrad generates in this compilation),"
              + " and javac would fail on the call later; hint: remove the parentheses around the argument,"
              + " or move this code to a class without jgrad annotations", parens, unit);
          return null;
        }
        return super.visitParenthesized(parens, unused);
      }

      private boolean isArgument(ParenthesizedTree parens) {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        if (parent instanceof MethodInvocationTree call) {
          return call.getArguments().stream().anyMatch(a -> a == parens);
        }
        return parent instanceof NewClassTree created && created.getArguments().stream().anyMatch(a -> a == parens);
      }
    }.scan(path, null);
  }
}

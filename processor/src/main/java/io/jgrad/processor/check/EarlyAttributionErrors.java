package io.jgrad.processor.check;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Finds code that javac could not attribute while jgrad read the class, because it uses a class jgrad
 * generates in this compilation (typically {@code FooDerivatives} in the class that declares {@code f}).
 * Reading a body makes javac attribute the whole class early, and javac keeps two kinds of failure into
 * later rounds without reporting them, then crashes in flow analysis (javac 17 and 25): a {@code var}
 * local whose type it could not infer, and a parenthesized method argument whose attribution it cached.
 * jgrad reports an error at each instead.
 */
public final class EarlyAttributionErrors {
  private EarlyAttributionErrors() {}

  /** Reports every such local and argument in the top-level class {@code top} (javac attributes it whole). */
  public static void report(TypeElement top, Trees trees, Report report) {
    var path = trees.getPath(top);
    if (path == null) {
      return;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree v, Void unused) {
        // javac replaces the missing type of a var it attributed with an erroneous tree.
        if (v.getType() != null && v.getType().getKind() == Tree.Kind.ERRONEOUS) {
          report.error(Codes.UNINFERRED_VAR, "javac cannot infer the type of " + v.getName() + ": jgrad read this"
              + " class before the type of its initializer existed (a class jgrad generates in this compilation),"
              + " and javac would fail on it later; hint: write its type instead of var, or move this code to a"
              + " class without jgrad annotations", v, unit);
        }
        return super.visitVariable(v, unused);
      }

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

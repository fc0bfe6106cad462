package io.jgrad.processor.check;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import javax.lang.model.element.TypeElement;

/**
 * Finds {@code var} locals whose type javac could not infer while jgrad read the class (typically
 * {@code var g = FooDerivatives.fGrad(x)} in the class that declares {@code f}, before
 * {@code FooDerivatives} exists). Reading a body makes javac attribute the whole class early, and
 * javac keeps such a local's type as an error in later rounds without reporting it, then crashes in
 * flow analysis (javac 17 and 25); jgrad reports an error at the local instead.
 */
public final class UninferredVars {
  private UninferredVars() {}

  /** Reports every such local in the top-level class {@code top} (javac attributes it whole). */
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
    }.scan(path, null);
  }
}

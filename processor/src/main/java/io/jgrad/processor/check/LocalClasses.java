package io.jgrad.processor.check;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds jgrad annotations on methods of local and anonymous classes (and classes nested in them),
 * which javac never hands to a processor: they would be silently ignored. Their derivatives could
 * not be generated anyway, since no other class can name their methods. Works on the trees alone, so
 * no class is attributed early (see {@link EarlyAttributionErrors}); an annotation counts as jgrad's when it
 * is spelled qualified or its simple name is imported from {@code io.jgrad.annotations}.
 */
public final class LocalClasses {
  private LocalClasses() {}

  private static final String PACKAGE = "io.jgrad.annotations";
  private static final List<String> ANNOTATIONS = List.of("Differentiable", "CustomJvp", "CustomVjp", "Batched");

  /** Reports each jgrad-annotated method of a local or anonymous class in {@code unit}. */
  public static void report(CompilationUnitTree unit, Report report) {
    Set<String> imported = imported(unit);
    new TreePathScanner<Void, Boolean>() {
      @Override
      public Void visitClass(ClassTree c, Boolean local) {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        boolean inLocal = local || !(parent instanceof CompilationUnitTree || parent instanceof ClassTree);
        if (inLocal) {
          for (Tree t : c.getMembers()) {
            if (t instanceof MethodTree m) {
              jgradAnnotation(m, imported).ifPresent(a -> report.error(Codes.LOCAL_CLASS, "@" + a + " on "
                  + m.getName() + ", a method of " + (c.getSimpleName().length() == 0 ? "an anonymous class"
                  : "the local class " + c.getSimpleName()) + ": jgrad never sees it, and no generated class"
                  + " could call it; hint: move it to a top-level or static nested class", m, unit));
            }
          }
        }
        return super.visitClass(c, inLocal);
      }
    }.scan(new TreePath(unit), false);
  }

  /** The simple names of jgrad's annotations this file may use unqualified. */
  private static Set<String> imported(CompilationUnitTree unit) {
    Set<String> names = new HashSet<>();
    for (ImportTree i : unit.getImports()) {
      String name = i.getQualifiedIdentifier().toString();
      if (!i.isStatic() && name.startsWith(PACKAGE + ".")) {
        String simple = name.substring(PACKAGE.length() + 1);
        names.addAll(simple.equals("*") ? ANNOTATIONS : ANNOTATIONS.contains(simple) ? List.of(simple) : List.of());
      }
    }
    return names;
  }

  private static Optional<String> jgradAnnotation(MethodTree m, Set<String> imported) {
    for (AnnotationTree a : m.getModifiers().getAnnotations()) {
      String spelled = a.getAnnotationType().toString();
      for (String name : ANNOTATIONS) {
        if (spelled.equals(PACKAGE + "." + name) || (spelled.equals(name) && imported.contains(name))) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }
}

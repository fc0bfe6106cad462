package io.jgrad.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The methods read while javac could not resolve part of their body, kept across rounds: when
 * processing ends, each one that got no derivatives gets an error. javac reports an unknown name
 * itself, but not a name that a class generated later resolves (a statically imported
 * {@code fGrad}), which would end the build without the method's derivatives and without a word.
 */
public final class UnresolvedBodies {
  /** Where to report: the unattributed expression when known, else the method; with its text. */
  private record Pending(String method, String what, Tree tree, Tree declaration,
      CompilationUnitTree unit) {}

  /** A call another error explained already (a generated method that an option would make). */
  private record Explained(Tree call, CompilationUnitTree unit) {}

  private final Map<Element, Pending> pending = new LinkedHashMap<>();
  private final Set<Element> generated = new HashSet<>();
  private final List<Explained> explained = new ArrayList<>();

  /** Notes the methods {@code report} left unresolved, with their trees while they are at hand. */
  public void add(Report report, Trees trees) {
    report.takeUnresolved().forEach((method, at) -> {
      TreePath path = trees.getPath(method);
      if (path != null && mentionsGenerated(path)) {
        Tree tree = at != null ? at : path.getLeaf();
        pending.putIfAbsent(method, new Pending(method.getSimpleName().toString(),
            at != null ? "`" + at + "`" : "part of its body", tree, path.getLeaf(),
            path.getCompilationUnit()));
      }
    });
  }

  /**
   * Whether the method at {@code path} names a generated class ({@code XDerivatives}) or its unit
   * imports members of one: only then can a generated class resolve what javac could not; any other
   * unknown name is javac's own error, reported in its words.
   */
  private static boolean mentionsGenerated(TreePath path) {
    boolean imported = path.getCompilationUnit().getImports().stream()
        .anyMatch(i -> i.isStatic() && i.getQualifiedIdentifier().toString().contains("Derivatives."));
    boolean[] named = {imported};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree t, Void unused) {
        named[0] |= t.getName().toString().endsWith("Derivatives");
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree t, Void unused) {
        named[0] |= t.getIdentifier().toString().endsWith("Derivatives");
        return super.visitMemberSelect(t, unused);
      }
    }.scan(path.getLeaf(), null);
    return named[0];
  }

  /** Notes a method whose derivatives were generated: it never gets this error. */
  public void generated(Element method) {
    generated.add(method);
  }

  /** Notes a call reported with its own explanation: the method around it gets no second error. */
  public void explained(Tree call, CompilationUnitTree unit) {
    explained.add(new Explained(call, unit));
  }

  /**
   * Reports, once, when processing ends, every pending method without derivatives and without another
   * error explaining a call in its body.
   */
  public void reportAll(Trees trees) {
    SourcePositions positions = trees.getSourcePositions();
    pending.forEach((method, p) -> {
      long start = positions.getStartPosition(p.unit(), p.declaration());
      long end = positions.getEndPosition(p.unit(), p.declaration());
      boolean explainedInside = explained.stream().anyMatch(e -> e.unit() == p.unit()
          && positions.getStartPosition(e.unit(), e.call()) >= start
          && positions.getEndPosition(e.unit(), e.call()) <= end);
      if (!generated.contains(method) && !explainedInside) {
        trees.printMessage(Diagnostic.Kind.ERROR, "[" + Codes.UNRESOLVED + "] " + p.method()
            + " got no derivatives: javac had not resolved " + p.what() + " when jgrad read it (a name"
            + " that a class generated later resolves, or a misspelt one); hint: call a generated"
            + " method as XDerivatives.fGrad(...), with XDerivatives imported by name, in this"
            + " package or fully qualified, or compile the class that declares f first", p.tree(), p.unit());
      }
    });
    pending.clear();
    explained.clear();
  }
}

package io.jgrad.processor.parse;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.RecordShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * Lambdas and method references in a differentiable body. One passed straight to a call (a
 * {@code DoubleUnaryOperator} parameter of a {@code @CustomJvp} function, say) is kept as the user
 * wrote it: generated code repeats it verbatim, so it may read only what the generated class can
 * see by the same name (its own parameters, enclosing locals and parameters, {@code java.lang} and
 * same-package top-level classes, qualified names). Whether it captures a differentiated value is
 * known only after the whole body is read; {@link #report} then turns that into
 * {@code [jgrad.CapturedTangent]} (JAX's notebook: JAX raises when a {@code nondiff_argnums} argument
 * holds a tracer), and every other problem into {@code [jgrad.Lambda]}.
 */
final class LambdaReader {
  /** A lambda met in the body: the enclosing locals it reads, and why it cannot be kept, if so. */
  private record Pending(Tree tree, List<Capture> captures, String problem) {}

  /** One read of an enclosing local or parameter inside a lambda. */
  private record Capture(String name, Tree at) {}

  private final ReadContext cx;
  private final List<Pending> pending = new ArrayList<>();

  /** Reads against {@code cx}, whose names of the enclosing method's parameters and locals fill as parsing goes. */
  LambdaReader(ReadContext cx) {
    this.cx = cx;
  }

  /** The lambda at {@code path} as an IR value, or a placeholder when it cannot be kept. */
  Expr read(ExpressionTree lambda, TreePath path) {
    List<Capture> captures = new ArrayList<>();
    List<String> bound = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Tree parent = path.getParentPath() == null ? null : path.getParentPath().getLeaf();
    boolean argument = parent instanceof MethodInvocationTree call && call.getArguments().contains(lambda);
    if (!argument) {
      problems.add("jgrad keeps a lambda only as an argument of a call");
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree v, Void unused) {
        bound.add(v.getName().toString());
        return super.visitVariable(v, unused);
      }

      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        String problem = identifier(id, cx.trees.getElement(getCurrentPath()), captures);
        if (problem != null) {
          problems.add(problem);
        }
        return null;
      }
    }.scan(path, null);
    String source = problems.isEmpty() ? source(lambda) : null;
    if (problems.isEmpty() && source == null) {
      problems.add("its source text is not available");
    }
    pending.add(new Pending(lambda, captures, problems.isEmpty() ? null : problems.get(0)));
    if (source == null) {
      return Expr.Const.ofDouble(0);
    }
    List<String> captured = captures.stream().map(Capture::name).distinct().toList();
    return new Expr.Lambda(source, captured, List.copyOf(bound));
  }

  /** Why generated code could not repeat this identifier by the same name; null when it can. */
  private String identifier(IdentifierTree id, Element element, List<Capture> captures) {
    String name = id.getName().toString();
    if (element == null) {
      return "jgrad cannot resolve " + name;
    }
    if (cx.names.containsKey(element)) {
      captures.add(new Capture(cx.names.get(element), id));
      return cx.names.get(element).equals(name) ? null
          : "it reads " + name + ", which the generated code renames; hint: give it a name of its own";
    }
    if (Set.of(ElementKind.PARAMETER, ElementKind.LOCAL_VARIABLE, ElementKind.EXCEPTION_PARAMETER,
        ElementKind.RESOURCE_VARIABLE, ElementKind.BINDING_VARIABLE, ElementKind.PACKAGE).contains(element.getKind())) {
      return null; // declared inside the lambda, or the first part of a qualified name
    }
    if (element instanceof TypeElement type) {
      String pkg = type.getEnclosingElement() instanceof PackageElement p ? p.getQualifiedName().toString() : null;
      if (pkg != null && (pkg.equals("java.lang") || pkg.equals(RecordShape.packageName(cx.method)))) {
        return null;
      }
      return "it names " + name + ", which the generated class cannot see by that name;"
          + " hint: write its qualified name (" + type.getQualifiedName() + ")";
    }
    Element owner = element.getEnclosingElement();
    String qualifier = owner instanceof TypeElement t ? t.getSimpleName() + "." + name : name;
    return "it reads " + name + " without naming its class, which the generated class cannot do;"
        + " hint: write " + qualifier;
  }

  /**
   * Reports every lambda that cannot be kept: {@code [jgrad.CapturedTangent]} at each differentiated
   * value it captures ({@code active}: the locals that carry derivatives), else {@code [jgrad.Lambda]}.
   */
  void report(Set<String> active) {
    for (Pending p : pending) {
      Set<String> seen = new HashSet<>();
      for (Capture c : p.captures()) {
        if (active.contains(c.name()) && seen.add(c.name())) {
          cx.error(Codes.CAPTURED_TANGENT, "this lambda captures " + c.name() + ", which carries a"
              + " derivative of " + cx.method.getSimpleName() + "; jgrad cannot differentiate through a lambda,"
              + " so that derivative would be lost; hint: pass " + c.name() + " as an argument of a"
              + " differentiable function, or take a DiffFn1/DiffFn2 parameter and call its value", c.at());
        }
      }
      if (seen.isEmpty() && p.problem() != null) {
        cx.error(Codes.LAMBDA, "this lambda cannot be used in a differentiable function: " + p.problem()
            + "; a lambda may be passed straight to a call, reading only its own parameters, constants"
            + " and non-differentiated locals", p.tree());
      }
    }
  }

  /** The lambda as the user wrote it. */
  private String source(Tree lambda) {
    SourcePositions positions = cx.trees.getSourcePositions();
    long start = positions.getStartPosition(cx.unit, lambda);
    long end = positions.getEndPosition(cx.unit, lambda);
    if (cx.unit == null || start < 0 || end < start) {
      return null;
    }
    try {
      String text = cx.unit.getSourceFile().getCharContent(true).toString();
      // The later lines of a multi-line lambda lose the indentation of the line it starts on.
      int lineStart = text.lastIndexOf('\n', (int) start - 1) + 1;
      int indent = 0;
      while (lineStart + indent < text.length() && text.charAt(lineStart + indent) == ' ') {
        indent++;
      }
      return text.substring((int) start, (int) end).replaceAll("\n {0," + indent + "}", "\n");
    } catch (IOException | IndexOutOfBoundsException e) {
      return null;
    }
  }
}

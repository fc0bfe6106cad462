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
    switch (element.getKind()) {
      case PARAMETER, LOCAL_VARIABLE, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, BINDING_VARIABLE, PACKAGE:
        return null; // declared inside the lambda, or the first part of a qualified name
      default:
        break;
    }
    if (element instanceof TypeElement type) {
      boolean topLevel = type.getEnclosingElement() instanceof PackageElement;
      String pkg = topLevel ? ((PackageElement) type.getEnclosingElement()).getQualifiedName().toString() : null;
      String home = RecordShape.packageName(cx.method);
      if (topLevel && (pkg.equals("java.lang") || pkg.equals(home))) {
        return null;
      }
      return "it names " + name + ", which the generated class cannot see by that name;"
          + " hint: write its qualified name (" + qualified(type) + ")";
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
      CharSequence text = cx.unit.getSourceFile().getCharContent(true);
      return dedent(text.subSequence((int) start, (int) end).toString(), indentOfLine(text, (int) start));
    } catch (IOException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  /** The leading spaces of the line holding {@code at}. */
  private static int indentOfLine(CharSequence text, int at) {
    int lineStart = at;
    while (lineStart > 0 && text.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    int n = 0;
    while (lineStart + n < text.length() && text.charAt(lineStart + n) == ' ') {
      n++;
    }
    return n;
  }

  /** A multi-line lambda's later lines with the indentation of its first line removed. */
  private static String dedent(String source, int indent) {
    String[] lines = source.split("\n", -1);
    StringBuilder out = new StringBuilder(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int k = 0;
      while (k < indent && k < line.length() && line.charAt(k) == ' ') {
        k++;
      }
      out.append('\n').append(line.substring(k));
    }
    return out.toString();
  }

  private static String qualified(TypeElement type) {
    return type.getQualifiedName().toString();
  }
}

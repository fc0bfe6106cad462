package io.jgrad.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Stmt;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads the body of one differentiable method into the IR, typing every expression with javac's
 * attribution, and reports each construct outside the differentiable subset at its position. Parsing
 * goes on after an error, so one compilation shows every problem of a method.
 */
public final class BodyParser {
  private final ReadContext cx;
  private final StatementReader statements;
  /** Names for the first parameters (a rule's primal parameters take its function's), else null. */
  private final List<String> paramNames;
  /** The signature this parse produces: the method's own, or a flat one (records in its signature). */
  private final Callee signature;

  /**
   * A parser for {@code method} read in {@code mode}; {@code paramNames}, when given, renames its first
   * parameters (a rule's primal parameters take its function's names); {@code flatSignature}, when
   * given, is the signature of the flat function the parse produces (records in its signature).
   */
  BodyParser(Trees trees, Report report, CalleeResolver callees, ExecutableElement method,
      List<String> paramNames, ReadMode mode, Callee flatSignature) {
    this.cx = new ReadContext(trees, report, callees, method, mode);
    this.statements = new StatementReader(cx);
    this.paramNames = paramNames;
    this.signature = flatSignature;
  }

  /** A parser for the body of a {@code @Differentiable} method. */
  public BodyParser(Trees trees, Report report, CalleeResolver callees, ExecutableElement method) {
    this(trees, report, callees, method, null, ReadMode.BODY, null);
  }

  /**
   * A parser for a method with records in its signature, producing the flat function
   * {@code flatSignature}: a record parameter read leaf by leaf, a record result returned whole.
   */
  public BodyParser(Trees trees, Report report, CalleeResolver callees, ExecutableElement method,
      Callee flatSignature) {
    this(trees, report, callees, method, null, ReadMode.BODY, flatSignature);
  }

  /**
   * The IR of the method, or empty when the body is unavailable or errors were reported. It is only
   * read: what its calls pass, and a rule's linearity, are checked by the processor's entry after.
   */
  public Optional<Function> parse() {
    ExecutableElement method = cx.method;
    Report report = cx.report;
    TreePath methodPath = cx.trees.getPath(method);
    if (methodPath == null) {
      report.error(Codes.INTERNAL, "the source of " + method.getSimpleName() + " is not available", method);
      return Optional.empty();
    }
    MethodTree tree = (MethodTree) methodPath.getLeaf();
    if (tree.getBody() == null) {
      report.error(Codes.UNSUPPORTED_STATEMENT, "a differentiable method needs a body", method);
      return Optional.empty();
    }
    Callee signature = this.signature != null ? this.signature : cx.callees.resolve(method);
    for (int i = 0; i < method.getParameters().size(); i++) {
      VariableElement p = method.getParameters().get(i);
      String name = paramNames != null && i < paramNames.size() ? paramNames.get(i) : p.getSimpleName().toString();
      RecordShape shape = RecordShape.of(p.asType());
      if (shape != null) {
        cx.records.bindParameter(p, name, shape);
      }
      cx.mode.bindParameter(cx, i, p, name);
      cx.names.put(p, name);
      cx.usedNames.add(name);
    }
    TreePath bodyPath = new TreePath(methodPath, tree.getBody());
    // The first element lookup inside a body makes javac attribute the class: every expression
    // below then has its type and every call its resolved method.
    if (!tree.getBody().getStatements().isEmpty()) {
      cx.trees.getElement(new TreePath(bodyPath, tree.getBody().getStatements().get(0)));
    }
    int errorsBefore = report.errorCount();
    List<Stmt> read = cx.derivativeCalls.withHoisted(statements.block(tree.getBody().getStatements(), bodyPath));
    List<Stmt> body = cx.mode.finish(ReturnShaper.shape(read, statements::reportReturn));
    if (cx.javacError) {
      // javac reports its own errors (an unknown name, a bad type) once processing ends; when the name
      // resolves to a class generated later, javac reports nothing: the processor reports it then.
      report.unresolved(method, cx.javacErrorAt);
      return Optional.empty();
    }
    boolean rule = cx.mode instanceof CustomJvpReader.Mode;
    cx.expressions.lambdas.report(rule ? Set.of() : Activity.of(body, signature.differentiatedParams()));
    if (report.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    if (!ReturnShaper.alwaysReturns(body)) {
      // javac accepts a method without a final return only when a path never ends (an endless loop);
      // otherwise it reports "missing return statement" itself.
      if (statements.endlessLoop != null) {
        cx.error(Codes.NEVER_RETURNS, method.getSimpleName() + " never returns on some path: this loop"
            + " has no exit (break and return inside loops are not supported); hint: give the loop a"
            + " condition that ends it, and return after it", statements.endlessLoop);
      }
      return Optional.empty();
    }
    statements.arrays.check(body, rule);
    return report.errorCount() > errorsBefore ? Optional.empty() : Optional.of(new Function.Plain(signature, body));
  }

  /** Where each expression came from, for diagnostics found after parsing. */
  public Map<Expr, Tree> positions() {
    return cx.positions;
  }

  /** The compilation unit of the method read, which the trees of {@link #positions} belong to. */
  public CompilationUnitTree unit() {
    return cx.unit;
  }

  /** The method read. */
  public ExecutableElement method() {
    return cx.method;
  }

  /** Where this parse reports, and so where the checks of what it read report too. */
  public Report report() {
    return cx.report;
  }
}

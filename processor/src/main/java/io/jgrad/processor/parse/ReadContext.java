package io.jgrad.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * What every reader of one method's body shares: javac's trees, where to report, the names given to
 * parameters and locals so far, where each expression came from, and the typing helpers.
 */
final class ReadContext {
  final Trees trees;
  final Report report;
  final CalleeResolver callees;
  final ExecutableElement method;
  /** The compilation unit of {@link #method}, which reports need for positions. */
  final CompilationUnitTree unit;
  /** How the mode read (a body, a rule, a pass) reads its returns and binds its parameters. */
  final ReadMode mode;
  /** The IR name of each parameter and local read so far. */
  final Map<Element, String> names = new HashMap<>();
  /** Every local name the function uses, so that a fresh one clashes with none. */
  final Set<String> usedNames = new HashSet<>(Names.GENERATED);
  /** Where each expression came from, for diagnostics found after parsing. */
  final Map<Expr, Tree> positions = new IdentityHashMap<>();
  /** Locals jgrad rejected at their declaration: reading one later is not a second mistake. */
  final Set<Element> rejectedLocals = new HashSet<>();
  /** Arrays created as call arguments, each lifted into a local array ({@link ArrayArguments}). */
  final Map<Tree, Expr.Var> liftedArrays = new IdentityHashMap<>();
  /** Record parameters and locals: one scalar local per leaf, never a record. */
  final Map<Element, List<Expr.Var>> recordLocals = new HashMap<>();
  /** javac found an error of its own in the body (a bad type, an unknown name): it reports it. */
  boolean javacError;
  /** The first expression javac had not attributed when it was read, for {@link Report#unresolved}. */
  Tree javacErrorAt;
  final ExpressionReader expressions;
  final RecordReader records;
  /** Calls to generated entry points, and the locals holding their results. */
  final DerivativeCallReader derivativeCalls;

  ReadContext(Trees trees, Report report, CalleeResolver callees, ExecutableElement method, ReadMode mode) {
    this.trees = trees;
    this.report = report;
    this.callees = callees;
    this.method = method;
    this.mode = mode;
    TreePath path = trees.getPath(method);
    this.unit = path == null ? null : path.getCompilationUnit();
    // The readers call one another (a record's components are expressions, a call's arguments may be
    // records): each reaches the others through this context.
    this.derivativeCalls = new DerivativeCallReader(this);
    this.expressions = new ExpressionReader(this);
    this.records = new RecordReader(this);
  }

  Expr expr(ExpressionTree e, TreePath parent) {
    return expressions.expr(e, parent);
  }

  /** The IR of each of {@code es}, in order. */
  List<Expr> exprs(List<? extends ExpressionTree> es, TreePath parent) {
    return es.stream().map(e -> expr(e, parent)).toList();
  }

  /** {@code base} if no local of the function has it yet, else {@code base2}, {@code base3}, ...; taken from now on. */
  String fresh(String base) {
    return Names.fresh(base, usedNames);
  }

  /** Names a local of the body, renamed when its name is taken. */
  String declare(Element local) {
    String name = fresh(local.getSimpleName().toString());
    names.put(local, name);
    return name;
  }

  void error(String code, String message, Tree at) {
    report.error(code, message, at, unit);
  }

  /** What an expression reads as after its error was reported, so that reading goes on. */
  static Expr dummy() {
    return Expr.Const.ofDouble(0);
  }

  /** Reports an error in an expression, and gives what it reads as then ({@link #dummy}). */
  Expr failed(String code, String message, Tree at) {
    error(code, message, at);
    return dummy();
  }

  /** Whether the call {@code t} is to the method being read, which is reported: no recursion. */
  boolean callsItself(ExecutableElement callee, MethodInvocationTree t) {
    if (!callee.equals(method)) {
      return false;
    }
    error(Codes.RECURSION, method.getSimpleName() + " calls itself; recursion is not supported;"
        + " hint: write it as a loop", t);
    return true;
  }

  /** Whether {@code element} is javac's own error (an unknown name), which javac reports; noted when so. */
  boolean javacFailed(Element element) {
    if (element == null || element.asType().getKind() == TypeKind.ERROR) {
      javacError = true;
      return true;
    }
    return false;
  }

  /** Notes javac's own error at {@code at}, an expression javac has not attributed (an unknown name). */
  void javacFailedAt(Tree at) {
    javacError = true;
    if (javacErrorAt == null) {
      javacErrorAt = at;
    }
  }

  /** javac's type of the expression at {@code path}, or null after reporting it or noting javac's own error. */
  Type typeOf(TreePath path) {
    TypeMirror mirror = trees.getTypeMirror(path);
    if (mirror == null || mirror.getKind() == TypeKind.ERROR) {
      javacFailedAt(path.getLeaf());
      return null;
    }
    Type type = TypeMapper.map(mirror);
    if (type == null) {
      error(Codes.UNSUPPORTED_TYPE, "a value of type " + mirror + " is not in the differentiable subset",
          path.getLeaf());
    }
    return type;
  }

  /**
   * javac's type of the expression at {@code path}, or null without a report when javac could not
   * attribute it yet: an expression around a call to a class jgrad has not generated yet
   * ({@code FooDerivatives.g()}).
   */
  Type typeOfOrNull(TreePath path) {
    TypeMirror mirror = trees.getTypeMirror(path);
    return mirror != null && mirror.getKind() == TypeKind.ERROR ? null : typeOf(path);
  }

  /**
   * {@code attributed} ({@link #typeOfOrNull}), else the type the IR infers for an expression javac
   * left unattributed, or a report when it cannot.
   */
  Type orInferred(Type attributed, TreePath path, Supplier<Type> inferred) {
    TypeMirror mirror = trees.getTypeMirror(path);
    if (attributed != null || mirror == null || mirror.getKind() != TypeKind.ERROR) {
      return attributed; // when null, typeOf reported it already
    }
    Type type = inferred.get();
    if (type == null) {
      error(Codes.UNSUPPORTED_TYPE, "jgrad cannot type this expression", path.getLeaf());
    }
    return type;
  }

  /** {@code value} converted to {@code type} as Java's assignment would; non-numeric values as they are. */
  static Expr coerce(Expr value, Type type) {
    if (value.type() == type || !isNumeric(type) || !isNumeric(value.type())) {
      return value;
    }
    if (value instanceof Expr.Const c && c.value() instanceof Number n && (type == Type.DOUBLE || type == Type.FLOAT)) {
      return Exprs.lit(type, n.doubleValue());
    }
    return new Expr.Cast(type, value);
  }

  /**
   * {@code value} widened to {@code type} where Java widens a {@code float} silently (a float
   * returned from, passed to or computed with a double): the IR then says the conversion, so every
   * derivative of it (a {@code Dual}, not a {@code FloatDual}; a float cotangent narrowed back) is
   * typed right. Other values stay as they are.
   */
  static Expr widen(Expr value, Type type) {
    return value.type() == Type.FLOAT && type == Type.DOUBLE ? coerce(value, type) : value;
  }

  /** {@code e} without the parentheses around it. */
  static ExpressionTree unwrap(ExpressionTree e) {
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    return e;
  }

  static boolean isNumeric(Type t) {
    return t == Type.DOUBLE || t == Type.FLOAT || t == Type.INT || t == Type.LONG;
  }
}

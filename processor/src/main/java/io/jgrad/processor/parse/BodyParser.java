package io.jgrad.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import io.jgrad.processor.rules.Primitive;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads the body of one differentiable method into the IR, typing every expression with javac's
 * attribution, and reports each construct outside the differentiable subset at its position. Parsing
 * goes on after an error, so one compilation shows every problem of a method.
 */
public final class BodyParser {
  private final Trees trees;
  private final Report report;
  private final CalleeResolver callees;
  private final ExecutableElement method;
  private final CompilationUnitTree unit;
  private final Map<Element, String> names = new HashMap<>();
  private final Set<String> usedNames = new HashSet<>();
  private final List<String> paramNames;
  private final boolean rule;
  private final Map<Expr, Tree> positions = new java.util.IdentityHashMap<>();
  private int loopDepth;
  /** Locals jgrad rejected at their declaration: reading one later is not a second mistake. */
  private final Set<Element> rejectedLocals = new HashSet<>();
  /** A loop whose condition is always true: with no break or return inside, it never ends. */
  private Tree endlessLoop;
  /** javac found an error of its own in the body (a bad type, an unknown name): it reports it. */
  private boolean javacError;
  private final LambdaReader lambdas;
  private final ArrayCopies copies = new ArrayCopies(this::fresh);
  private final ArrayEffects effects;
  /** The flat signature this parse produces (a function with records in its signature), else null. */
  private Callee flatSignature;
  /** Which leaf of a record result a rule's parse returns, or which gradient component a backward pass. */
  private int selectedLeaf;
  /** Local arrays the function creates ({@code new double[n]}): the only arrays it may write into. */
  private final Set<Element> arrayLocals = new HashSet<>();
  /** The declarations of local arrays, which must stay at the top level of the body. */
  private final Map<Stmt, Tree> arrayDeclarations = new java.util.IdentityHashMap<>();
  /** Record parameters and locals: one scalar local per leaf, never a record. */
  private final Map<Element, List<Expr.Var>> recordLocals = new HashMap<>();
  /** The pass of a {@code @CustomVjp} rule this parse reads for reverse over reverse, else null. */
  private VjpPass vjpPass;
  /**
   * A forward pass: the locals its residuals go to, one per leaf, found at its first return. A
   * backward pass: the leaves of its residual parameter.
   */
  private List<Expr.Var> residualLeaves;
  /** A backward pass: the residual parameter, an array read element by element, or a boxed number. */
  private Element residualParam;
  /** A backward pass: how many elements its array residual has (what the forward pass creates). */
  private int residualLength = -1;
  /** A pass: the types of the primal's result (forward) or of the gradient's components (backward). */
  private List<Type> passTypes;

  /** Which pass of a {@code @CustomVjp} rule a parse reads. */
  public enum VjpPass { FWD, BWD }

  /** A parser for the body of a {@code @Differentiable} method. */
  public BodyParser(Trees trees, Report report, CalleeResolver callees, ExecutableElement method) {
    this(trees, report, callees, method, null, false);
  }

  /**
   * A parser for {@code method}; {@code paramNames}, when given, renames its first parameters (a
   * rule's primal parameters take its function's names); {@code rule} accepts
   * {@code return Dual.of(value, tangent)}.
   */
  public BodyParser(Trees trees, Report report, CalleeResolver callees, ExecutableElement method,
      List<String> paramNames, boolean rule) {
    this.paramNames = paramNames;
    this.rule = rule;
    this.trees = trees;
    this.report = report;
    this.callees = callees;
    this.method = method;
    TreePath path = trees.getPath(method);
    this.unit = path == null ? null : path.getCompilationUnit();
    usedNames.addAll(io.jgrad.processor.ir.Names.GENERATED);
    this.lambdas = new LambdaReader(trees, report, unit, names, method);
    this.effects = new ArrayEffects(trees);
  }

  /**
   * A parser for a method with records in its signature, producing the flat function
   * {@code flatSignature}: a record parameter read leaf by leaf, a record result returned whole.
   */
  public BodyParser(Trees trees, Report report, CalleeResolver callees, ExecutableElement method,
      Callee flatSignature) {
    this(trees, report, callees, method, null, false);
    this.flatSignature = flatSignature;
  }

  /**
   * A parser for a custom JVP rule of a function with a record result, whose {@code Jvp.of(value,
   * tangent)} keeps leaf {@code selectedLeaf}; record parameters are read leaf by leaf.
   */
  public BodyParser(Trees trees, Report report, CalleeResolver callees, ExecutableElement rule,
      List<String> paramNames, int selectedLeaf) {
    this(trees, report, callees, rule, paramNames, true);
    this.selectedLeaf = selectedLeaf;
  }

  /**
   * A parser for a pass of a {@code @CustomVjp} rule, read as differentiable code for reverse over
   * reverse. The forward pass's {@code return Fwd.of(value, residuals)} becomes assignments to one
   * local per residual leaf ({@link #residualLeaves()}) and {@code return value}; {@code types} is the
   * primal's result type. The backward pass reads its residual parameter leaf by leaf (an array of
   * {@code residualLength} elements at constant indices) and returns component {@code component} of
   * the gradient, whose component types are {@code types}.
   */
  public static BodyParser forVjpPass(Trees trees, Report report, CalleeResolver callees, ExecutableElement pass,
      VjpPass kind, List<Type> types, int residualLength, int component) {
    BodyParser parser = new BodyParser(trees, report, callees, pass, null, false);
    parser.vjpPass = kind;
    parser.passTypes = types;
    parser.residualLength = residualLength;
    parser.selectedLeaf = component;
    return parser;
  }

  /** A forward pass: the locals holding its residuals. A backward pass: its residual parameter's leaves. */
  public List<Expr.Var> residualLeaves() {
    return residualLeaves == null ? List.of() : List.copyOf(residualLeaves);
  }

  /**
   * The IR of the method, or empty when the body is unavailable or errors were reported. It is only
   * read: what its calls pass, and a rule's linearity, are checked by the processor's entry after.
   */
  public Optional<Function> parse() {
    TreePath methodPath = trees.getPath(method);
    if (methodPath == null) {
      report.error(Codes.INTERNAL, "the source of " + method.getSimpleName() + " is not available", method);
      return Optional.empty();
    }
    MethodTree tree = (MethodTree) methodPath.getLeaf();
    if (tree.getBody() == null) {
      report.error(Codes.UNSUPPORTED_STATEMENT, "a differentiable method needs a body", method);
      return Optional.empty();
    }
    Callee signature = flatSignature != null ? flatSignature : callees.resolve(method);
    for (int i = 0; i < method.getParameters().size(); i++) {
      var p = method.getParameters().get(i);
      String name = paramNames != null && i < paramNames.size() ? paramNames.get(i) : p.getSimpleName().toString();
      RecordShape shape = RecordShape.of(p.asType());
      if (vjpPass == VjpPass.BWD && i == residualIndex()) {
        residualParam(p, name, shape);
      }
      if (shape != null) {
        List<Expr.Var> leaves = new ArrayList<>();
        for (RecordShape.Leaf leaf : shape.leaves()) {
          leaves.add(new Expr.Var(name + "_" + leaf.suffix(), leaf.type()));
          usedNames.add(name + "_" + leaf.suffix());
        }
        recordLocals.put(p, leaves);
        if (vjpPass == VjpPass.BWD && i == residualIndex()) {
          residualLeaves = new ArrayList<>(leaves);
        }
      }
      names.put(p, name);
      usedNames.add(name);
    }
    TreePath bodyPath = new TreePath(methodPath, tree.getBody());
    // The first element lookup inside a body makes javac attribute the class: every expression
    // below then has its type and every call its resolved method.
    if (!tree.getBody().getStatements().isEmpty()) {
      trees.getElement(new TreePath(bodyPath, tree.getBody().getStatements().get(0)));
    }
    int errorsBefore = report.errorCount();
    List<Stmt> body = ReturnShaper.shape(block(tree.getBody().getStatements(), bodyPath), this::reportReturn);
    if (vjpPass == VjpPass.FWD && residualLeaves != null) {
      List<Stmt> declared = new ArrayList<>();
      residualLeaves.forEach(leaf -> declared.add(new Stmt.Declare(leaf)));
      declared.addAll(body);
      body = declared;
    }
    if (javacError) {
      // javac reports its own errors (an unknown name, a bad type) once processing ends.
      return Optional.empty();
    }
    lambdas.report(rule ? Set.of() : Activity.of(body, signature.differentiatedParams()));
    if (report.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    if (!ReturnShaper.alwaysReturns(body)) {
      // javac accepts a method without a final return only when a path never ends (an endless loop);
      // otherwise it reports "missing return statement" itself.
      if (endlessLoop != null) {
        error(Codes.NEVER_RETURNS, method.getSimpleName() + " never returns on some path: this loop"
            + " has no exit (break and return inside loops are not supported); hint: give the loop a"
            + " condition that ends it, and return after it", endlessLoop);
      }
      return Optional.empty();
    }
    checkArrays(body);
    if (report.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new Function.Plain(signature, body));
  }

  /**
   * Local arrays are declared at the top level of the body, so that reverse mode, whose backward
   * sweep runs after the body, still sees them; an array result is one local or parameter
   * returned once, at the end.
   */
  private void checkArrays(List<Stmt> body) {
    for (Stmt s : body) {
      nestedArrayDeclarations(s, false);
    }
    if (TypeMapper.map(method.getReturnType()) != null && TypeMapper.map(method.getReturnType()).isArray() && !rule) {
      Stmt last = body.isEmpty() ? null : body.get(body.size() - 1);
      long returns = countReturns(body);
      if (!(last instanceof Stmt.Return r && r.value() instanceof Expr.Var) || returns != 1) {
        report.error(Codes.UNSUPPORTED_RETURN, "an array result must be one local array or parameter"
            + " returned once, at the end of the function; hint: write the result into one local array"
            + " and return it", method);
      }
    }
  }

  private static long countReturns(List<Stmt> body) {
    long n = 0;
    for (Stmt s : body) {
      if (s instanceof Stmt.Return) {
        n++;
      } else if (s instanceof Stmt.If f) {
        n += countReturns(f.thenBody()) + countReturns(f.elseBody());
      } else if (s instanceof Stmt.While w) {
        n += countReturns(w.body());
      } else if (s instanceof Stmt.Block b) {
        n += countReturns(b.body());
      }
    }
    return n;
  }

  private void nestedArrayDeclarations(Stmt s, boolean nested) {
    if (nested && arrayDeclarations.containsKey(s)) {
      error(Codes.UNSUPPORTED_STATEMENT, "a local array must be declared at the top level of the function,"
          + " not inside a loop, a branch or a block (after an early return, the rest of the function is one);"
          + " hint: declare it before the loop", arrayDeclarations.get(s));
    } else if (s instanceof Stmt.If f) {
      f.thenBody().forEach(x -> nestedArrayDeclarations(x, true));
      f.elseBody().forEach(x -> nestedArrayDeclarations(x, true));
    } else if (s instanceof Stmt.While w) {
      w.body().forEach(x -> nestedArrayDeclarations(x, true));
    } else if (s instanceof Stmt.Block b) {
      b.body().forEach(x -> nestedArrayDeclarations(x, true));
    }
  }

  private final Map<Stmt.Return, Tree> returnTrees = new java.util.IdentityHashMap<>();

  private void reportReturn(Stmt.Return r) {
    Tree t = returnTrees.get(r);
    String msg = "this return is not in a position jgrad can differentiate yet: a return must end the"
        + " method or a branch of an if/else whose other branch holds the rest of the method;"
        + " hint: restructure with if/else, or store the result in a local";
    if (t != null) {
      report.error(Codes.UNSUPPORTED_RETURN, msg, t, unit);
    } else {
      report.error(Codes.UNSUPPORTED_RETURN, msg, method);
    }
  }

  // ---------------------------------------------------------------- statements

  private List<Stmt> block(List<? extends StatementTree> statements, TreePath parent) {
    List<Stmt> out = new ArrayList<>();
    for (StatementTree s : statements) {
      statement(s, new TreePath(parent, s), out);
    }
    return out;
  }

  private List<Stmt> body(StatementTree s, TreePath parent) {
    TreePath path = new TreePath(parent, s);
    if (s instanceof BlockTree b) {
      return block(b.getStatements(), path);
    }
    List<Stmt> out = new ArrayList<>();
    statement(s, path, out);
    return out;
  }

  private void statement(StatementTree s, TreePath path, List<Stmt> out) {
    switch (s.getKind()) {
      case VARIABLE -> variable((VariableTree) s, path, out);
      case EXPRESSION_STATEMENT -> expressionStatement((ExpressionStatementTree) s, path, out);
      case BLOCK -> out.add(new Stmt.Block(block(((BlockTree) s).getStatements(), path)));
      case IF -> {
        IfTree t = (IfTree) s;
        Expr cond = expr(t.getCondition(), path);
        List<Stmt> thenBody = body(t.getThenStatement(), path);
        List<Stmt> elseBody = t.getElseStatement() == null ? List.of() : body(t.getElseStatement(), path);
        out.add(new Stmt.If(cond, thenBody, elseBody));
      }
      case WHILE_LOOP -> {
        WhileLoopTree t = (WhileLoopTree) s;
        noteEndless(t.getCondition(), t);
        Expr cond = expr(t.getCondition(), path);
        loopDepth++;
        List<Stmt> loopBody = body(t.getStatement(), path);
        loopDepth--;
        out.add(new Stmt.While(cond, loopBody));
      }
      case FOR_LOOP -> forLoop((ForLoopTree) s, path, out);
      case ENHANCED_FOR_LOOP -> enhancedFor((EnhancedForLoopTree) s, path, out);
      case RETURN -> {
        ReturnTree t = (ReturnTree) s;
        if (loopDepth > 0) {
          error(Codes.RETURN_IN_LOOP, "return inside a loop is not supported yet;"
              + " hint: leave the loop through its condition and return after it", s);
        }
        if (vjpPass != null && t.getExpression() != null) {
          Stmt.Return r = vjpPass == VjpPass.FWD ? forwardPassReturn(t.getExpression(), path, out)
              : new Stmt.Return(backwardPassReturn(t.getExpression(), path));
          returnTrees.put(r, s);
          out.add(r);
          break;
        }
        RecordShape resultShape = RecordShape.of(method.getReturnType());
        Stmt.Return r = new Stmt.Return(t.getExpression() == null ? null
            : rule ? pair(t.getExpression(), path)
            : resultShape != null ? recordResult(t.getExpression(), path, resultShape)
            : expr(t.getExpression(), path));
        returnTrees.put(r, s);
        out.add(r);
      }
      case EMPTY_STATEMENT -> { }
      case SWITCH -> error(Codes.SWITCH, "switch is not in the differentiable subset; hint: use if/else", s);
      case TRY -> error(Codes.TRY_CATCH, "try/catch is not in the differentiable subset;"
          + " hint: move the guarded code into a non-differentiable helper", s);
      case SYNCHRONIZED -> error(Codes.SYNCHRONIZED, "synchronized is not in the differentiable subset;"
          + " hint: differentiable functions are pure, synchronize in the caller", s);
      case BREAK, CONTINUE -> error(Codes.UNSUPPORTED_STATEMENT, s.getKind().toString().toLowerCase()
          + " is not supported yet; hint: express the exit in the loop condition", s);
      // javac calls some kinds "... statement" itself (LABELED_STATEMENT): say it once
      default -> error(Codes.UNSUPPORTED_STATEMENT, "a " + describe(s).replaceAll(" statement$", "")
          + " statement is not in the differentiable subset", s);
    }
  }

  private void variable(VariableTree t, TreePath path, List<Stmt> out) {
    Element element = trees.getElement(path);
    RecordShape shape = element == null ? null : RecordShape.of(element.asType());
    if (shape != null && shape.leaves().stream().anyMatch(l -> l.type() == Type.OBJECT
        && !"java.lang.String".equals(l.javaType()))) {
      error(Codes.UNSUPPORTED_TYPE, "a record local with an enum or interface component is not supported yet;"
          + " hint: read the components from the parameter or the call directly", t);
      rejectedLocals.add(element);
      return;
    }
    if (shape != null) {
      List<Expr.Var> leaves = new ArrayList<>();
      String base = declare(element);
      for (RecordShape.Leaf leaf : shape.leaves()) {
        leaves.add(new Expr.Var(fresh(base + "_" + leaf.suffix()), leaf.type()));
      }
      List<Expr> values = t.getInitializer() == null ? null : record(t.getInitializer(), path, shape);
      recordLocals.put(element, leaves);
      for (int i = 0; i < leaves.size(); i++) {
        out.add(values == null ? new Stmt.Declare(leaves.get(i))
            : new Stmt.Assign(leaves.get(i), coerce(values.get(i), leaves.get(i).type()), true));
      }
      return;
    }
    Type type = element == null ? null : TypeMapper.map(element.asType());
    if (type == null) {
      int before = report.errorCount();
      if (t.getInitializer() != null) {
        // Report what the initializer holds (a lambda, an object) rather than the type it gives the local.
        expr(t.getInitializer(), path);
      }
      if (element == null || element.asType().getKind() == TypeKind.ERROR) {
        javacError = true;
      } else if (report.errorCount() == before) {
        error(Codes.UNSUPPORTED_TYPE, "a local of type " + element.asType()
            + " is not in the differentiable subset (double, float, int, long, boolean, arrays of them)", t);
      }
      if (element != null) {
        rejectedLocals.add(element);
      }
      return;
    }
    if (type.isArray()) {
      arrayLocal(t, path, element, type, out);
      return;
    }
    boolean string = "java.lang.String".equals(TypeMapper.javaType(element.asType()));
    if (type.isFunctionObject() || (type == Type.OBJECT && !string)) {
      int before = report.errorCount();
      ExpressionTree init = t.getInitializer();
      if (init != null) {
        // What the initializer holds (a lambda capturing a tangent) is the first mistake to name.
        expr(init, path);
      }
      // A lambda's own error comes after parsing (LambdaReader), so it cannot be counted here.
      boolean lambda = init != null && (init.getKind() == Tree.Kind.LAMBDA_EXPRESSION
          || init.getKind() == Tree.Kind.MEMBER_REFERENCE);
      if (report.errorCount() == before && !lambda) {
        error(Codes.UNSUPPORTED_TYPE, "a local of type " + element.asType() + " is not supported;"
            + " hint: use the parameter, or pass the value straight to the call", t);
      }
      rejectedLocals.add(element);
      return;
    }
    String name = declare(element);
    Expr.Var var = new Expr.Var(name, type);
    if (t.getInitializer() == null) {
      out.add(new Stmt.Declare(var));
    } else {
      out.add(new Stmt.Assign(var, coerce(expr(t.getInitializer(), path), type), true));
    }
  }

  /**
   * {@code double[] y = new double[n];}: a fresh array the function may write into. Aliases
   * ({@code double[] z = x;}) and other initializers are refused: a write through one would change
   * an array jgrad does not track.
   */
  private void arrayLocal(VariableTree t, TreePath path, Element element, Type type, List<Stmt> out) {
    ExpressionTree init = t.getInitializer();
    while (init instanceof ParenthesizedTree p) {
      init = p.getExpression();
    }
    if (init instanceof MethodInvocationTree call && trees.getElement(new TreePath(path, call)) instanceof ExecutableElement callee
        && CalleeResolver.isDifferentiable(callee) && !RecordSignatureReader.involvesRecords(callee)
        && TypeMapper.map(callee.getReturnType()) == type) {
      // double[] y = g(x): the array a differentiable function returns, read-only here.
      Expr value = arrayCall(call, new TreePath(path, call), callee, type);
      Stmt s = new Stmt.Assign(new Expr.Var(declare(element), type), value, true);
      arrayDeclarations.put(s, t);
      out.add(s);
      return;
    }
    List<Stmt> copy = arrayCopyLocal(init, path, element, type);
    if (copy != null) {
      copy.stream().filter(s -> s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray)
          .forEach(s -> arrayDeclarations.put(s, t));
      out.addAll(copy);
      if (copy.isEmpty()) {
        rejectedLocals.add(element);
      }
      return;
    }
    if (!(init instanceof com.sun.source.tree.NewArrayTree n) || n.getDimensions().size() != 1
        || n.getInitializers() != null) {
      error(Codes.UNSUPPORTED_TYPE, "an array local must be created by the function, with new "
          + type.element().javaName() + "[n], clone(), Arrays.copyOf or Arrays.copyOfRange; hint: index a"
          + " parameter directly, or copy it into a new array", t);
      rejectedLocals.add(element);
      return;
    }
    Expr length = coerce(expr(n.getDimensions().get(0), new TreePath(path, init)), Type.INT);
    Expr.Var var = new Expr.Var(declare(element), type);
    arrayLocals.add(element);
    Stmt s = new Stmt.Assign(var, new Expr.NewArray(type, length), true);
    arrayDeclarations.put(s, t);
    out.add(s);
  }

  /** Whether the call {@code t} is to the method being read, which is reported: no recursion. */
  private boolean callsItself(ExecutableElement callee, MethodInvocationTree t) {
    if (!callee.equals(method)) {
      return false;
    }
    error(Codes.RECURSION, method.getSimpleName() + " calls itself; recursion is not supported;"
        + " hint: write it as a loop", t);
    return true;
  }

  /** A call to a differentiable function that returns an array. */
  private Expr arrayCall(MethodInvocationTree t, TreePath path, ExecutableElement callee, Type type) {
    if (callsItself(callee, t)) {
      return dummy();
    }
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : t.getArguments()) {
      args.add(expr(a, path));
    }
    Expr call = new Expr.Call(callees.resolve(callee), args, type);
    positions.putIfAbsent(call, t);
    return call;
  }

  /**
   * {@code y[i] = v}, {@code y[i] += v}, {@code y[i]++} into a local array, or null after reporting
   * a write into anything else (a parameter's array, which belongs to the caller).
   */
  private Stmt.ArrayWrite arrayWrite(ArrayAccessTree target, TreePath parent, Tree.Kind op, ExpressionTree valueTree,
      Tree at) {
    TreePath path = new TreePath(parent, target);
    Expr.Var arrayVar = localArray(target.getExpression(), path, target);
    if (arrayVar == null) {
      return null;
    }
    Type type = arrayVar.type();
    Expr index = coerce(expr(target.getIndex(), path), Type.INT);
    Expr value = valueTree == null ? Exprs.lit(Type.INT, 1) : expr(valueTree, parent);
    Type element = type.element();
    if (op != null) {
      Expr old = new Expr.ArrayRead(arrayVar, index, element);
      value = arithmetic(op, old, value, Exprs.promote(element, value.type()), at);
    }
    return new Stmt.ArrayWrite(arrayVar, index, coerce(value, element));
  }

  /** The local array {@code arrayTree} names, or null after reporting a write into any other array. */
  private Expr.Var localArray(ExpressionTree arrayTree, TreePath path, Tree at) {
    Element array = arrayTree instanceof IdentifierTree ? trees.getElement(new TreePath(path, arrayTree)) : null;
    if (array == null || !arrayLocals.contains(array)) {
      error(Codes.ARRAY_WRITE, "a differentiable function may write only into a local array it created"
          + " (double[] y = new double[n]); hint: copy the values into such an array", at);
      return null;
    }
    return new Expr.Var(names.get(array), TypeMapper.map(array.asType()));
  }

  /** {@code base} if no local of the function has it yet, else {@code base2}, {@code base3}, ...; taken from now on. */
  private String fresh(String base) {
    String name = base;
    for (int i = 2; usedNames.contains(name); i++) {
      name = base + i;
    }
    usedNames.add(name);
    return name;
  }

  private String declare(Element local) {
    String name = fresh(local.getSimpleName().toString());
    names.put(local, name);
    return name;
  }

  private void expressionStatement(ExpressionStatementTree t, TreePath path, List<Stmt> out) {
    ExpressionTree e = t.getExpression();
    TreePath ePath = new TreePath(path, e);
    switch (e.getKind()) {
      case ASSIGNMENT -> {
        AssignmentTree a = (AssignmentTree) e;
        Element recordTarget = a.getVariable() instanceof IdentifierTree
            ? trees.getElement(new TreePath(ePath, a.getVariable())) : null;
        if (recordTarget != null && recordLocals.containsKey(recordTarget)) {
          List<Expr.Var> leaves = recordLocals.get(recordTarget);
          List<Expr> values = record(a.getExpression(), ePath, RecordShape.of(recordTarget.asType()));
          // Through temporaries: p = new Point(p.y(), p.x()) reads the old leaves before writing.
          List<Expr.Var> temps = new ArrayList<>();
          for (int i = 0; i < leaves.size(); i++) {
            Expr.Var temp = new Expr.Var(fresh(leaves.get(i).name() + "New"), leaves.get(i).type());
            temps.add(temp);
            out.add(new Stmt.Assign(temp, coerce(values.get(i), temp.type()), true));
          }
          for (int i = 0; i < leaves.size(); i++) {
            out.add(new Stmt.Assign(leaves.get(i), temps.get(i), false));
          }
          return;
        }
        if (a.getVariable() instanceof ArrayAccessTree access) {
          Stmt.ArrayWrite w = arrayWrite(access, ePath, null, a.getExpression(), e);
          if (w != null) {
            out.add(w);
          }
          return;
        }
        Expr.Var target = assignable(a.getVariable(), ePath);
        Expr value = expr(a.getExpression(), ePath);
        if (target != null) {
          out.add(new Stmt.Assign(target, coerce(value, target.type()), false));
        }
      }
      case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT -> {
        CompoundAssignmentTree a = (CompoundAssignmentTree) e;
        Tree.Kind op = switch (e.getKind()) {
          case PLUS_ASSIGNMENT -> Tree.Kind.PLUS;
          case MINUS_ASSIGNMENT -> Tree.Kind.MINUS;
          case MULTIPLY_ASSIGNMENT -> Tree.Kind.MULTIPLY;
          case DIVIDE_ASSIGNMENT -> Tree.Kind.DIVIDE;
          default -> Tree.Kind.REMAINDER;
        };
        if (a.getVariable() instanceof ArrayAccessTree access) {
          Stmt.ArrayWrite w = arrayWrite(access, ePath, op, a.getExpression(), e);
          if (w != null) {
            out.add(w);
          }
          return;
        }
        Expr.Var target = assignable(a.getVariable(), ePath);
        Expr value = expr(a.getExpression(), ePath);
        if (target != null) {
          Expr combined = arithmetic(op, target, value, Exprs.promote(target.type(), value.type()), e);
          out.add(new Stmt.Assign(target, coerce(combined, target.type()), false));
        }
      }
      case POSTFIX_INCREMENT, PREFIX_INCREMENT, POSTFIX_DECREMENT, PREFIX_DECREMENT -> {
        UnaryTree u = (UnaryTree) e;
        if (u.getExpression() instanceof ArrayAccessTree access) {
          boolean up = e.getKind() == Tree.Kind.POSTFIX_INCREMENT || e.getKind() == Tree.Kind.PREFIX_INCREMENT;
          Stmt.ArrayWrite w = arrayWrite(access, ePath, up ? Tree.Kind.PLUS : Tree.Kind.MINUS, null, e);
          if (w != null) {
            out.add(w);
          }
          return;
        }
        Expr.Var target = assignable(u.getExpression(), ePath);
        if (target != null) {
          boolean up = e.getKind() == Tree.Kind.POSTFIX_INCREMENT || e.getKind() == Tree.Kind.PREFIX_INCREMENT;
          Expr one = Exprs.lit(target.type() == Type.LONG ? Type.LONG : Type.INT, 1);
          Expr combined = arithmetic(up ? Tree.Kind.PLUS : Tree.Kind.MINUS, target, one,
              Exprs.promote(target.type(), one.type()), e);
          out.add(new Stmt.Assign(target, coerce(combined, target.type()), false));
        }
      }
      case METHOD_INVOCATION -> {
        if (arrayCopyOrFill((MethodInvocationTree) e, ePath, out)) {
          return;
        }
        Expr call = expr(e, path);
        if (call instanceof Expr.PrimalCall pc) {
          out.add(new Stmt.Effect(pc));
        }
        // A differentiable call whose value is dropped has no effect to keep.
      }
      default -> error(Codes.UNSUPPORTED_STATEMENT, "this statement is not in the differentiable subset", e);
    }
  }

  /**
   * {@code System.arraycopy} and {@code Arrays.fill} into a local array, read as the loops they
   * stand for (see {@link ArrayCopies}); false for any other call.
   */
  private boolean arrayCopyOrFill(MethodInvocationTree t, TreePath path, List<Stmt> out) {
    ArrayCopies.Call call = trees.getElement(path) instanceof ExecutableElement m ? ArrayCopies.Call.of(m) : null;
    if (call != ArrayCopies.Call.ARRAYCOPY && call != ArrayCopies.Call.FILL) {
      return false;
    }
    List<? extends ExpressionTree> a = t.getArguments();
    if (call == ArrayCopies.Call.ARRAYCOPY) {
      Expr src = arraySource(a.get(0), path);
      Expr srcPos = index(a.get(1), path);
      Expr.Var dst = localArray(a.get(2), path, a.get(2));
      Expr dstPos = index(a.get(3), path);
      Expr length = index(a.get(4), path);
      if (src == null || dst == null) {
        return true;
      }
      if (src.type() != dst.type()) {
        error(Codes.UNSUPPORTED_TYPE, "System.arraycopy from a " + src.type().javaName() + " into a "
            + dst.type().javaName() + " throws ArrayStoreException; hint: copy element by element in a loop,"
            + " which converts each value", t);
        return true;
      }
      out.add(copies.arraycopy(src, srcPos, dst, dstPos, length, src.equals(dst)));
      return true;
    }
    Expr.Var dst = localArray(a.get(0), path, a.get(0));
    Expr from = a.size() == 4 ? index(a.get(1), path) : null;
    Expr to = a.size() == 4 ? index(a.get(2), path) : null;
    Expr value = expr(a.get(a.size() - 1), path);
    if (dst != null) {
      out.add(copies.fill(dst, from, to, coerce(value, dst.type().element())));
    }
    return true;
  }

  /**
   * {@code T[] y = x.clone()}, {@code Arrays.copyOf(x, n)} or {@code Arrays.copyOfRange(x, from, to)}:
   * a new local array and the loop that copies into it, or null when {@code init} is none of them.
   */
  private List<Stmt> arrayCopyLocal(ExpressionTree init, TreePath path, Element element, Type type) {
    if (!(init instanceof MethodInvocationTree t)) {
      return null;
    }
    TreePath callPath = new TreePath(path, t);
    ArrayCopies.Call call = trees.getElement(callPath) instanceof ExecutableElement m ? ArrayCopies.Call.of(m) : null;
    if (call == null || call == ArrayCopies.Call.ARRAYCOPY || call == ArrayCopies.Call.FILL) {
      return null;
    }
    List<? extends ExpressionTree> a = t.getArguments();
    ExpressionTree srcTree = call == ArrayCopies.Call.CLONE ? ((MemberSelectTree) t.getMethodSelect()).getExpression()
        : a.get(0);
    Expr src = arraySource(srcTree, callPath);
    Expr from = call == ArrayCopies.Call.COPY_OF_RANGE ? index(a.get(1), callPath) : null;
    Expr lengthOrTo = call == ArrayCopies.Call.CLONE ? null : index(a.get(a.size() - 1), callPath);
    if (src == null) {
      return List.of();
    }
    Expr.Var dst = new Expr.Var(declare(element), type);
    arrayLocals.add(element);
    return call == ArrayCopies.Call.CLONE ? copies.cloneOf(dst, src) : copies.copyOf(dst, src, from, lengthOrTo);
  }

  /** The array a copy reads: a parameter or a local, which reads the same array each time. */
  private Expr arraySource(ExpressionTree e, TreePath path) {
    Expr src = expr(e, path);
    if (!src.type().isArray()) {
      return null;
    }
    if (!(src instanceof Expr.Var)) {
      error(Codes.UNSUPPORTED_EXPRESSION, "jgrad copies from a parameter or a local array;"
          + " hint: store the array in a local first", e);
      return null;
    }
    return src;
  }

  private Expr index(ExpressionTree e, TreePath path) {
    return coerce(expr(e, path), Type.INT);
  }

  private void forLoop(ForLoopTree t, TreePath path, List<Stmt> out) {
    noteEndless(t.getCondition(), t);
    List<Stmt> scoped = new ArrayList<>();
    for (StatementTree init : t.getInitializer()) {
      statement(init, new TreePath(path, init), scoped);
    }
    Expr cond = t.getCondition() == null ? new Expr.Const(Type.BOOLEAN, true) : expr(t.getCondition(), path);
    loopDepth++;
    List<Stmt> loopBody = new ArrayList<>(body(t.getStatement(), path));
    for (ExpressionStatementTree update : t.getUpdate()) {
      statement(update, new TreePath(path, update), loopBody);
    }
    loopDepth--;
    scoped.add(new Stmt.While(cond, loopBody));
    out.add(new Stmt.Block(scoped));
  }

  /** {@code for (double v : xs) body} as {@code for (int i = 0; i < xs.length; i++) { double v = xs[i]; body }}. */
  private void enhancedFor(EnhancedForLoopTree t, TreePath path, List<Stmt> out) {
    Expr array = expr(t.getExpression(), path);
    TreePath varPath = new TreePath(path, t.getVariable());
    Element element = trees.getElement(varPath);
    Type type = element == null ? null : TypeMapper.map(element.asType());
    if (!array.type().isArray() || type == null || type.isArray()) {
      error(Codes.UNSUPPORTED_STATEMENT, "a for-each loop is supported over arrays of double, float"
          + " or int only", t);
      return;
    }
    Expr.Var index = new Expr.Var(fresh("i"), Type.INT);
    Expr.Var var = new Expr.Var(declare(element), type);
    loopDepth++;
    List<Stmt> loopBody = new ArrayList<>();
    loopBody.add(new Stmt.Assign(var, coerce(new Expr.ArrayRead(array, index, array.type().element()), type), true));
    loopBody.addAll(body(t.getStatement(), path));
    loopBody.add(new Stmt.Assign(index, new Expr.Binary(Expr.BinaryOp.ADD, index, Exprs.lit(Type.INT, 1), Type.INT), false));
    loopDepth--;
    List<Stmt> scoped = new ArrayList<>();
    scoped.add(new Stmt.Assign(index, Exprs.lit(Type.INT, 0), true));
    scoped.add(new Stmt.While(new Expr.Binary(Expr.BinaryOp.LT, index, new Expr.ArrayLength(array), Type.BOOLEAN), loopBody));
    out.add(new Stmt.Block(scoped));
  }

  /** Remembers the first loop whose condition is absent or the literal {@code true}. */
  private void noteEndless(ExpressionTree condition, Tree loop) {
    ExpressionTree c = condition;
    while (c instanceof ParenthesizedTree p) {
      c = p.getExpression();
    }
    if (endlessLoop == null && (c == null || (c instanceof LiteralTree l && Boolean.TRUE.equals(l.getValue())))) {
      endlessLoop = loop;
    }
  }

  private Expr.Var assignable(ExpressionTree target, TreePath parent) {
    TreePath path = new TreePath(parent, target);
    if (target.getKind() == Tree.Kind.ARRAY_ACCESS) {
      error(Codes.ARRAY_WRITE, "writing into an array is not supported yet; hint: accumulate into a"
          + " local and return it", target);
      return null;
    }
    Element element = trees.getElement(path);
    if (element != null && rejectedLocals.contains(element)) {
      return null;
    }
    if (element != null && element.getKind() == ElementKind.FIELD) {
      error(Codes.FIELD_WRITE, "a differentiable function may not write a field (" + element.getSimpleName()
          + "); hint: return the value instead", target);
      return null;
    }
    if (target instanceof IdentifierTree && element != null && names.containsKey(element)) {
      Type type = TypeMapper.map(element.asType());
      if (type == null || type.isArray()) {
        error(Codes.UNSUPPORTED_TYPE, "assigning to " + element.getSimpleName() + " is not supported", target);
        return null;
      }
      String narrow = TypeMapper.narrowInt(element.asType());
      if (narrow != null) {
        // Read-only they are exact as int; a write would need the type's wrap-around.
        error(Codes.UNSUPPORTED_TYPE, "assigning to the " + narrow + " " + element.getSimpleName() + " is not"
            + " supported: jgrad computes char, byte and short values as int; hint: copy it into an int local", target);
        return null;
      }
      return new Expr.Var(names.get(element), type);
    }
    error(Codes.UNSUPPORTED_EXPRESSION, "only locals and parameters can be assigned", target);
    return null;
  }

  // ---------------------------------------------------------------- expressions

  /** Where each expression came from, for diagnostics found after parsing. */
  public Map<Expr, Tree> positions() {
    return positions;
  }

  /** The compilation unit of the method read, which the trees of {@link #positions} belong to. */
  public CompilationUnitTree unit() {
    return unit;
  }

  /** The method read. */
  public ExecutableElement method() {
    return method;
  }

  /** Where this parse reports, and so where the checks of what it read report too. */
  public Report report() {
    return report;
  }

  /** {@code Dual.of(value, tangent)} or {@code new Dual(value, tangent)} returned by a rule. */
  private Expr pair(ExpressionTree e, TreePath parent) {
    TreePath path = new TreePath(parent, e);
    List<? extends ExpressionTree> args = null;
    Element target = trees.getElement(path);
    if (e instanceof MethodInvocationTree m && target != null && target.getSimpleName().contentEquals("of")) {
      args = m.getArguments();
    } else if (e instanceof com.sun.source.tree.NewClassTree n) {
      args = n.getArguments();
    }
    Element owner = target == null ? null : target.getEnclosingElement();
    String ownerName = owner instanceof TypeElement te ? te.getQualifiedName().toString() : "";
    RecordShape result = method.getReturnType() instanceof javax.lang.model.type.DeclaredType d
        && d.getTypeArguments().size() == 1 ? RecordShape.of(d.getTypeArguments().get(0)) : null;
    if (result != null && args != null && args.size() == 2 && ownerName.equals("io.jgrad.runtime.Jvp")) {
      // Jvp.of(value, tangent) of a record result: this parse keeps leaf selectedLeaf of both.
      Expr value = record(args.get(0), path, result).get(selectedLeaf);
      Expr tangent = record(args.get(1), path, result).get(selectedLeaf);
      Type type = result.leaves().get(selectedLeaf).type();
      return new Expr.Pair(coerce(value, type), coerce(tangent, type), type);
    }
    if (result != null) {
      error(Codes.RULE_RETURN, "a custom JVP rule of a record function must end each path with return"
          + " Jvp.of(value, tangent)", e);
      return dummy();
    }
    Type arrayResult = method.getReturnType() instanceof javax.lang.model.type.DeclaredType d
        && d.getTypeArguments().size() == 1 ? TypeMapper.map(d.getTypeArguments().get(0)) : null;
    if (arrayResult != null && arrayResult.isArray()) {
      if (args == null || args.size() != 2 || !ownerName.equals("io.jgrad.runtime.Jvp")) {
        error(Codes.RULE_RETURN, "a custom JVP rule of a function with an array result must end each path with"
            + " return Jvp.of(value, tangent)", e);
        return dummy();
      }
      // Jvp.of(value, tangent): both arrays of the result's length.
      return new Expr.Pair(expr(args.get(0), path), expr(args.get(1), path), arrayResult);
    }
    if (args == null || args.size() != 2
        || !(ownerName.equals("io.jgrad.runtime.Dual") || ownerName.equals("io.jgrad.runtime.FloatDual"))) {
      error(Codes.RULE_RETURN, "a custom JVP rule must end each path with return Dual.of(value, tangent)", e);
      return dummy();
    }
    Expr value = expr(args.get(0), path);
    Expr tangent = expr(args.get(1), path);
    Type type = ownerName.endsWith("FloatDual") ? Type.FLOAT : Type.DOUBLE;
    return new Expr.Pair(coerce(value, type), coerce(tangent, type), type);
  }

  private Expr expr(ExpressionTree e, TreePath parent) {
    Expr parsed = parseExpr(e, parent);
    positions.putIfAbsent(parsed, e);
    return parsed;
  }

  private Expr parseExpr(ExpressionTree e, TreePath parent) {
    TreePath path = new TreePath(parent, e);
    switch (e.getKind()) {
      case PARENTHESIZED:
        return expr(((ParenthesizedTree) e).getExpression(), path);
      case INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL, STRING_LITERAL, CHAR_LITERAL:
        return literal((LiteralTree) e, path);
      case IDENTIFIER:
        return identifier((IdentifierTree) e, path);
      case MEMBER_SELECT:
        return memberSelect((MemberSelectTree) e, path);
      case ARRAY_ACCESS: {
        ArrayAccessTree a = (ArrayAccessTree) e;
        if (residualParam != null && residualLength >= 0 && a.getExpression() instanceof IdentifierTree id
            && residualParam.equals(trees.getElement(new TreePath(path, id)))) {
          return residualElement(a);
        }
        Expr array = expr(a.getExpression(), path);
        Expr index = expr(a.getIndex(), path);
        Type type = typeOf(path, e);
        return type == null ? dummy() : new Expr.ArrayRead(array, index, type);
      }
      case TYPE_CAST: {
        TypeCastTree c = (TypeCastTree) e;
        Type type = typeOf(path, e);
        Expr operand = expr(c.getExpression(), path);
        if (type == null) {
          return dummy();
        }
        String narrow = TypeMapper.narrowInt(trees.getTypeMirror(new TreePath(path, e)));
        if (narrow != null) {
          return narrowCast(narrow, operand, e);
        }
        return operand.type() == type ? operand : new Expr.Cast(type, operand);
      }
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree c = (ConditionalExpressionTree) e;
        Type type = typeOfOrNull(path, e);
        Expr cond = expr(c.getCondition(), path);
        Expr a = expr(c.getTrueExpression(), path);
        Expr b = expr(c.getFalseExpression(), path);
        if (type == null) {
          type = unattributed(path, e, () -> numeric(a, b) ? Exprs.promote(a.type(), b.type()) : null);
        }
        return type == null ? dummy() : new Expr.Conditional(cond, coerce(a, type), coerce(b, type), type);
      }
      case UNARY_MINUS: {
        Expr operand = expr(((UnaryTree) e).getExpression(), path);
        Type type = typeOfOrNull(path, e);
        if (type == null) {
          type = unattributed(path, e, () -> numeric(operand, operand) ? operand.type() : null);
        }
        if (type == null) {
          return dummy();
        }
        if (type.isScalar()) {
          return new Expr.Prim(Primitive.NEG, List.of(operand), type, false);
        }
        return new Expr.Unary(Expr.UnaryOp.NEG, operand, type);
      }
      case UNARY_PLUS:
        return expr(((UnaryTree) e).getExpression(), path);
      case LOGICAL_COMPLEMENT:
        return new Expr.Unary(Expr.UnaryOp.NOT, expr(((UnaryTree) e).getExpression(), path), Type.BOOLEAN);
      case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER, LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN,
          GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO, CONDITIONAL_AND, CONDITIONAL_OR: {
        BinaryTree b = (BinaryTree) e;
        Expr left = expr(b.getLeftOperand(), path);
        Expr right = expr(b.getRightOperand(), path);
        Type type = typeOfOrNull(path, e);
        if (type == null) {
          type = unattributed(path, e, () -> binaryType(e.getKind(), left, right));
        }
        return type == null ? dummy() : arithmetic(e.getKind(), left, right, type, e);
      }
      case METHOD_INVOCATION:
        return invocation((MethodInvocationTree) e, path);
      case LAMBDA_EXPRESSION, MEMBER_REFERENCE:
        return lambdas.read(e, path);
      case POSTFIX_INCREMENT, PREFIX_INCREMENT, POSTFIX_DECREMENT, PREFIX_DECREMENT, ASSIGNMENT,
          PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT:
        error(Codes.UNSUPPORTED_EXPRESSION, "an assignment inside an expression is not supported;"
            + " hint: make it a statement of its own", e);
        return dummy();
      case SWITCH_EXPRESSION:
        error(Codes.SWITCH, "switch is not in the differentiable subset; hint: use if/else or the"
            + " ternary operator", e);
        return dummy();
      case NEW_CLASS, NEW_ARRAY:
        error(Codes.UNSUPPORTED_EXPRESSION, "creating objects or arrays is not supported yet", e);
        return dummy();
      default:
        error(Codes.UNSUPPORTED_EXPRESSION, "this expression (" + e.getKind().toString().toLowerCase()
            + ") is not in the differentiable subset", e);
        return dummy();
    }
  }

  private Expr arithmetic(Tree.Kind kind, Expr left, Expr right, Type type, Tree at) {
    if (type.isScalar()) {
      Primitive p = switch (kind) {
        case PLUS -> Primitive.ADD;
        case MINUS -> Primitive.SUB;
        case MULTIPLY -> Primitive.MUL;
        case DIVIDE -> Primitive.DIV;
        default -> null;
      };
      if (p == null) {
        error(Codes.UNSUPPORTED_EXPRESSION, "the remainder operator on floating-point values is not"
            + " differentiable here; hint: use Math.floor", at);
        return dummy();
      }
      return new Expr.Prim(p, List.of(left, right), type, false);
    }
    Expr.BinaryOp op = switch (kind) {
      case PLUS -> Expr.BinaryOp.ADD;
      case MINUS -> Expr.BinaryOp.SUB;
      case MULTIPLY -> Expr.BinaryOp.MUL;
      case DIVIDE -> Expr.BinaryOp.DIV;
      case REMAINDER -> Expr.BinaryOp.REM;
      case LESS_THAN -> Expr.BinaryOp.LT;
      case LESS_THAN_EQUAL -> Expr.BinaryOp.LE;
      case GREATER_THAN -> Expr.BinaryOp.GT;
      case GREATER_THAN_EQUAL -> Expr.BinaryOp.GE;
      case EQUAL_TO -> Expr.BinaryOp.EQ;
      case NOT_EQUAL_TO -> Expr.BinaryOp.NE;
      case CONDITIONAL_AND -> Expr.BinaryOp.AND;
      default -> Expr.BinaryOp.OR;
    };
    return new Expr.Binary(op, left, right, type);
  }

  private Expr literal(LiteralTree t, TreePath path) {
    Object v = t.getValue();
    return switch (t.getKind()) {
      case INT_LITERAL -> new Expr.Const(Type.INT, v);
      case LONG_LITERAL -> new Expr.Const(Type.LONG, v);
      case FLOAT_LITERAL -> new Expr.Const(Type.FLOAT, v);
      case DOUBLE_LITERAL -> new Expr.Const(Type.DOUBLE, v);
      case BOOLEAN_LITERAL -> new Expr.Const(Type.BOOLEAN, v);
      case CHAR_LITERAL -> new Expr.Const(Type.INT, (int) (Character) v);
      default -> new Expr.Const(Type.OBJECT, v);
    };
  }

  private Expr identifier(IdentifierTree t, TreePath path) {
    Element element = trees.getElement(path);
    if (element != null && rejectedLocals.contains(element)) {
      return dummy();
    }
    if (element == null || element.asType().getKind() == TypeKind.ERROR) {
      javacError = true;
      return dummy();
    }
    if (element.equals(residualParam)) {
      if (residualLength >= 0) {
        error(Codes.UNSUPPORTED_EXPRESSION, "for second order, a backward pass reads its residual array element"
            + " by element at constant indices (" + t.getName() + "[0], " + t.getName() + "[1], ...), so that"
            + " each element is a value of its own", t);
        return dummy();
      }
      return residualLeaves.get(0);
    }
    if (recordLocals.containsKey(element)) {
      error(Codes.UNSUPPORTED_EXPRESSION, "the record " + t.getName() + " can be read component by component"
          + " (" + t.getName() + ".x()), passed to a differentiable function, returned or copied into a record"
          + " local, not used as a value here; hint: pass its components", t);
      return dummy();
    }
    if (element != null && names.containsKey(element)) {
      Type type = TypeMapper.map(element.asType());
      if (type == null) {
        error(Codes.UNSUPPORTED_TYPE, "the type of " + t.getName() + " is not in the differentiable subset", t);
        return dummy();
      }
      return new Expr.Var(names.get(element), type);
    }
    if (isConstant(element)) {
      return staticField(element, t);
    }
    error(Codes.UNSUPPORTED_EXPRESSION, "cannot read " + t.getName() + " in a differentiable function", t);
    return dummy();
  }

  private Expr memberSelect(MemberSelectTree t, TreePath path) {
    Element element = trees.getElement(path);
    if (t.getIdentifier().contentEquals("length")) {
      Expr array = expr(t.getExpression(), path);
      if (array.type().isArray()) {
        return new Expr.ArrayLength(array);
      }
    }
    if (element == null || element.asType().getKind() == TypeKind.ERROR) {
      javacError = true;
      return dummy();
    }
    if (isConstant(element)) {
      return staticField(element, t);
    }
    error(Codes.UNSUPPORTED_EXPRESSION, "cannot read " + t + " in a differentiable function", t);
    return dummy();
  }

  /** Whether {@code element} is a field or an enum constant. */
  private static boolean isConstant(Element element) {
    return element != null
        && (element.getKind() == ElementKind.FIELD || element.getKind() == ElementKind.ENUM_CONSTANT);
  }

  private Expr staticField(Element field, Tree at) {
    Type type = TypeMapper.map(field.asType());
    if (!field.getModifiers().contains(Modifier.STATIC) || type == null || type.isArray()) {
      error(Codes.UNSUPPORTED_EXPRESSION, "a differentiable function may read only static fields of"
          + " primitive type (" + field.getSimpleName() + ")", at);
      return dummy();
    }
    if (field.getModifiers().contains(Modifier.PRIVATE)
        || field.getEnclosingElement().getModifiers().contains(Modifier.PRIVATE)) {
      error(Codes.INACCESSIBLE, "the generated derivatives cannot read the private field "
          + field.getSimpleName() + "; hint: make it package-private", at);
      return dummy();
    }
    String owner = ((TypeElement) field.getEnclosingElement()).getQualifiedName().toString();
    return new Expr.StaticField(owner, field.getSimpleName().toString(), type,
        !field.getModifiers().contains(Modifier.FINAL));
  }

  private Expr invocation(MethodInvocationTree t, TreePath path) {
    Element element = trees.getElement(path);
    if (!(element instanceof ExecutableElement callee)) {
      Optional<FactoryCallResolver.Target> factory =
          FactoryCallResolver.resolve(t, unit, callees.elements(), callees);
      if (factory.isPresent()) {
        return factoryCall(factory.get(), t, path);
      }
      javacError = true;
      return dummy();
    }
    if (isAccessor(callee)) {
      return componentRead(t, path, callee);
    }
    if (ArrayCopies.Call.of(callee) != null) {
      error(Codes.UNSUPPORTED_EXPRESSION, "jgrad differentiates " + callee.getSimpleName() + " where it"
          + " initializes a local array (double[] y = x.clone(), Arrays.copyOf(x, n), Arrays.copyOfRange(x, a, b));"
          + " hint: declare the copy as a local first", t);
      return dummy();
    }
    if (CalleeResolver.isDifferentiable(callee) && RecordSignatureReader.involvesRecords(callee)) {
      List<Expr> leaves = recordCall(t, path, callee);
      if (leaves.size() != 1 || RecordShape.of(callee.getReturnType()) != null) {
        error(Codes.UNSUPPORTED_EXPRESSION, "the record " + callee.getSimpleName() + " returns can be read"
            + " component by component or stored in a record local", t);
        return dummy();
      }
      return leaves.get(0);
    }
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : t.getArguments()) {
      args.add(expr(a, path));
    }
    TypeElement owner = (TypeElement) callee.getEnclosingElement();
    String ownerName = owner.getQualifiedName().toString();
    String name = callee.getSimpleName().toString();
    Type returnType = TypeMapper.map(callee.getReturnType());
    if (ownerName.equals("java.lang.Math") || ownerName.equals("java.lang.StrictMath")) {
      if (integerHelper(callee)) {
        // Math.floorMod(i + k, n), Math.addExact(i, j): integer arithmetic (indices, counts) carries no
        // derivative, so the call is computed as written, as a call to any integer helper is
        return new Expr.PrimalCall(owner.getSimpleName().toString(), name, args, returnType);
      }
      Optional<Primitive> p = Primitive.forMathMethod(name, args.size());
      if (p.isEmpty()) {
        error(Codes.UNSUPPORTED_MATH, "Math." + name + " is not in jgrad's table of differentiable"
            + " primitives; hint: give the function that uses it a @CustomJvp rule", t);
        return dummy();
      }
      Type type = typeOf(path, t);
      return type == null ? dummy() : new Expr.Prim(p.get(), args, type, ownerName.endsWith("StrictMath"));
    }
    if ((ownerName.equals("io.jgrad.runtime.Dual") || ownerName.equals("io.jgrad.runtime.FloatDual"))
        && !onFunctionObjectCall(t, path)) {
      error(Codes.RULE_RETURN, "a " + owner.getSimpleName() + " may appear only in a custom JVP rule's"
          + " return statement; hint: end each path with return " + owner.getSimpleName()
          + ".of(value, tangent)", t);
      return dummy();
    }
    Expr.Var receiver = parameterReceiver(t, path);
    if (receiver != null && !callee.getModifiers().contains(Modifier.STATIC)) {
      return callOnParameter(receiver, name, args, callee, t, path);
    }
    if (!callee.getModifiers().contains(Modifier.STATIC) && !calledOnStaticField(t, path)) {
      error(Codes.INSTANCE_CALL, "calling the instance method " + name + " is not in the differentiable"
          + " subset; hint: call a static method", t);
      return dummy();
    }
    if (CalleeResolver.isDifferentiable(callee)) {
      if (callsItself(callee, t)) {
        return dummy();
      }
      Callee c = callees.resolve(callee);
      if (c.returnType() == null || !c.returnType().isScalar()) {
        error(Codes.UNSUPPORTED_TYPE, name + " does not return double or float", t);
        return dummy();
      }
      return new Expr.Call(c, args, c.returnType());
    }
    if (callee.getModifiers().contains(Modifier.PRIVATE)) {
      error(Codes.INACCESSIBLE, "the generated derivatives cannot call the private method " + name
          + "; hint: make it package-private", t);
      return dummy();
    }
    TypeMirror rt = callee.getReturnType();
    if (rt.getKind() == TypeKind.VOID || (returnType != null && !returnType.isDifferentiable())) {
      checkArrayArguments(callee, t, path);
      return new Expr.PrimalCall(receiver(t, path, ownerName), name, args,
          rt.getKind() == TypeKind.VOID ? Type.OBJECT : returnType);
    }
    error(Codes.NOT_DIFFERENTIABLE, "the call to " + owner.getSimpleName() + "." + name + " returns "
        + rt + " but " + name + " is not differentiable; hint: annotate it @Differentiable or give it a"
        + " @CustomJvp rule", t);
    return dummy();
  }

  /**
   * A {@code Math} method outside the primitive table over integers only ({@code floorMod},
   * {@code floorDiv}, {@code multiplyExact}, ...): an int or long from ints and longs. {@code abs},
   * {@code max}, {@code min} on ints stay primitives of int type, which carry no derivative either.
   */
  private static boolean integerHelper(ExecutableElement callee) {
    java.util.function.Predicate<TypeMirror> integral = m -> m.getKind() == TypeKind.INT || m.getKind() == TypeKind.LONG;
    return integral.test(callee.getReturnType()) && !callee.getParameters().isEmpty()
        && callee.getParameters().stream().allMatch(p -> integral.test(p.asType()))
        && Primitive.forMathMethod(callee.getSimpleName().toString(), callee.getParameters().size()).isEmpty();
  }

  /** The parameter or local a call is made on ({@code f} in {@code f.value(x)}), or null. */
  /** {@code f.jvp(x, 1).tangent()} on a function-object parameter: the call on {@code f} is the mistake to name. */
  private boolean onFunctionObjectCall(MethodInvocationTree t, TreePath path) {
    return t.getMethodSelect() instanceof MemberSelectTree m && m.getExpression() instanceof MethodInvocationTree inner
        && parameterReceiver(inner, new TreePath(new TreePath(path, m), inner)) != null;
  }

  private Expr.Var parameterReceiver(MethodInvocationTree t, TreePath path) {
    if (t.getMethodSelect() instanceof MemberSelectTree m && m.getExpression() instanceof IdentifierTree) {
      Element r = trees.getElement(new TreePath(new TreePath(path, m), m.getExpression()));
      Type type = r == null || !names.containsKey(r) ? null : TypeMapper.map(r.asType());
      if (type == Type.OBJECT || (type != null && type.isFunctionObject())) {
        return new Expr.Var(names.get(r), type);
      }
    }
    if (t.getMethodSelect() instanceof MemberSelectTree m && m.getExpression() instanceof MethodInvocationTree inner
        && inner.getArguments().isEmpty() && inner.getMethodSelect() instanceof MemberSelectTree select
        && Callee.PARTIAL_METHODS.contains(select.getIdentifier().toString())) {
      // f.partialFirst().value(x, y): the partial derivative of a function-object parameter, itself one.
      Expr.Var base = parameterReceiver(inner, new TreePath(new TreePath(path, m), inner));
      if (base != null && base.type().isFunctionObject()) {
        return new Expr.Var(base.name() + "." + select.getIdentifier() + "()", base.type());
      }
    }
    return null;
  }


  /**
   * {@code f.value(x)} on a {@code DiffFn1}/{@code DiffFn2} parameter is differentiated through the
   * object; a call on any other non-differentiable parameter ({@code op.applyAsDouble(x)} on a
   * {@code DoubleUnaryOperator}) is an opaque primal computation, which the checks after parsing
   * refuse to feed with differentiated values.
   */
  private Expr callOnParameter(Expr.Var receiver, String name, List<Expr> args, ExecutableElement callee,
      MethodInvocationTree t, TreePath path) {
    if (receiver.type().isFunctionObject()) {
      if (!name.equals("value")) {
        error(Codes.INSTANCE_CALL, "call " + receiver.name() + ".value(...) in a differentiable function:"
            + " jgrad differentiates through it with the object's jvp and vjp; " + name
            + " is for code outside", t);
        return dummy();
      }
      boolean vector = args.size() == 1 && args.get(0).type() == Type.DOUBLE_ARRAY;
      List<Expr> values = new ArrayList<>();
      args.forEach(a -> values.add(vector ? a : coerce(a, Type.DOUBLE)));
      List<Type> types = values.stream().map(Expr::type).toList();
      return new Expr.Call(Callee.functionObject(receiver.name(), receiver.type(), types), values, Type.DOUBLE);
    }
    TypeMirror rt = callee.getReturnType();
    Type returnType = rt.getKind() == TypeKind.VOID ? Type.OBJECT : TypeMapper.map(rt);
    if (returnType == null || returnType.isArray() || returnType.isFunctionObject()) {
      error(Codes.UNSUPPORTED_TYPE, receiver.name() + "." + name + " returns " + rt + ", which is not in"
          + " the differentiable subset", t);
      return dummy();
    }
    checkArrayArguments(callee, t, path);
    return new Expr.PrimalCall(receiver.name(), name, args, returnType);
  }

  /**
   * A call kept as written, not differentiated, must not write into an array the function reads:
   * jgrad would not see the write, and the derivative would be wrong without a word. An array
   * passed to it, or written by a lambda passed to it, is an error unless the callee provably only
   * reads ({@link ArrayEffects}).
   */
  private void checkArrayArguments(ExecutableElement callee, MethodInvocationTree t, TreePath path) {
    String called = callee.getEnclosingElement().getSimpleName() + "." + callee.getSimpleName();
    for (ExpressionTree a : t.getArguments()) {
      TreePath argPath = new TreePath(path, a);
      if (a.getKind() == Tree.Kind.LAMBDA_EXPRESSION) {
        Tree write = effects.firstOuterWrite(argPath);
        if (write != null) {
          error(Codes.ARRAY_WRITE, "this lambda, passed to " + called + ", writes into an array it did not"
              + " create, which jgrad does not see; hint: write the elements in a loop in the function itself",
              write);
        }
        continue;
      }
      TypeMirror type = trees.getTypeMirror(argPath);
      if (type != null && type.getKind() == TypeKind.ARRAY && !effects.readOnly(callee)) {
        error(Codes.ARRAY_WRITE, called + " may write into the array " + a + ", and jgrad would not see the"
            + " write (it keeps only calls it can show read their arrays: printing, logging, and methods whose"
            + " source writes only arrays they create); hint: write the elements in a loop here, or use"
            + " System.arraycopy, Arrays.fill, clone() or Arrays.copyOf, which jgrad differentiates", a);
        return;
      }
    }
  }

  /**
   * {@code FooDerivatives.g(bound...)} with {@code FooDerivatives} not generated yet: a function
   * object, built at run time by the generated factory, passed on like any non-differentiable value.
   */
  private Expr factoryCall(FactoryCallResolver.Target target, MethodInvocationTree t, TreePath path) {
    Callee g = target.callee();
    Type type = g.functionObjectType();
    List<Callee.Param> bound = g.params().stream().filter(p -> !p.differentiated()).toList();
    List<String> shown = bound.stream()
        .map(p -> (p.javaType() != null ? p.javaType() : p.type().javaName()) + " " + p.name()).toList();
    String expected = g.derivativesQualifiedName() + "." + g.name() + "(" + String.join(", ", shown) + ")";
    if (type == null) {
      error(Codes.UNSUPPORTED_TYPE, g.name() + " has no function object: only functions of one or two"
          + " differentiated doubles returning double get one", t);
      return dummy();
    }
    if (t.getArguments().size() != bound.size()) {
      error(Codes.UNSUPPORTED_EXPRESSION, "the function object of " + g.name() + " takes its"
          + " non-differentiated parameters: " + expected, t);
      return dummy();
    }
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < bound.size(); i++) {
      ExpressionTree a = t.getArguments().get(i);
      if (a.getKind() == Tree.Kind.LAMBDA_EXPRESSION) {
        // javac attributes a lambda in a call it cannot resolve yet only partially, and its later
        // rounds then trip over it (a compiler crash on JDK 17): refuse it here, cleanly.
        error(Codes.LAMBDA, "a lambda cannot be bound in " + g.derivativesQualifiedName() + "." + g.name()
            + "(...) while that class is being generated; hint: pass a method reference, or take the"
            + " function object as a parameter", a);
        return dummy();
      }
      args.add(coerce(expr(a, path), bound.get(i).type()));
    }
    return new Expr.PrimalCall(g.derivativesQualifiedName(), g.name(), args, type);
  }

  /** Whether the call's receiver is a static field, such as {@code System.out}. */
  private boolean calledOnStaticField(MethodInvocationTree t, TreePath path) {
    if (t.getMethodSelect() instanceof MemberSelectTree m) {
      Element r = trees.getElement(new TreePath(new TreePath(path, m), m.getExpression()));
      return r != null && r.getKind() == ElementKind.FIELD && r.getModifiers().contains(Modifier.STATIC);
    }
    return false;
  }

  /** The receiver as generated code spells it: the qualified class, or a static field chain. */
  private String receiver(MethodInvocationTree t, TreePath path, String ownerName) {
    if (t.getMethodSelect() instanceof MemberSelectTree m) {
      Element r = trees.getElement(new TreePath(new TreePath(path, m), m.getExpression()));
      if (r != null && r.getKind() == ElementKind.FIELD) {
        return ((TypeElement) r.getEnclosingElement()).getQualifiedName() + "." + r.getSimpleName();
      }
    }
    return ownerName;
  }

  // ---------------------------------------------------------------- records

  /** Whether {@code m} is a record component's accessor ({@code p.x()}). */
  private static boolean isAccessor(ExecutableElement m) {
    Element owner = m.getEnclosingElement();
    return RecordShape.isRecord(owner.asType()) && m.getParameters().isEmpty()
        && !m.getModifiers().contains(Modifier.STATIC)
        && ((TypeElement) owner).getRecordComponents().stream()
            .anyMatch(c -> m.equals(c.getAccessor()));
  }

  /** {@code r.x()} where {@code x} is a leaf: the scalarized local (or value) of that leaf. */
  private Expr componentRead(MethodInvocationTree t, TreePath path, ExecutableElement accessor) {
    if (!(t.getMethodSelect() instanceof MemberSelectTree m)) {
      error(Codes.UNSUPPORTED_EXPRESSION, "a record's own methods cannot be called in a differentiable function", t);
      return dummy();
    }
    TreePath receiverPath = new TreePath(path, m);
    RecordShape shape = RecordShape.of(trees.getTypeMirror(new TreePath(receiverPath, m.getExpression())));
    RecordShape.Component c = shape == null ? null : shape.component(accessor.getSimpleName().toString());
    if (c == null) {
      error(Codes.UNSUPPORTED_TYPE, "the record " + accessor.getEnclosingElement().getSimpleName() + " has a component"
          + " outside the differentiable subset (double, float, int, long, boolean, String, enums, such records)", t);
      return dummy();
    }
    if (c.nested() != null) {
      error(Codes.UNSUPPORTED_EXPRESSION, "the record " + t + " can be read component by component", t);
      return dummy();
    }
    List<Expr> leaves = record(m.getExpression(), receiverPath, shape);
    return leaves.get(shape.span(c.name())[0]);
  }

  /** The index of a backward pass's residual parameter: after the primal's non-differentiated ones. */
  private int residualIndex() {
    return method.getParameters().size() - 2;
  }

  /**
   * Binds a backward pass's residual parameter: an array becomes one value per element, a number
   * (boxed or not) one value; a record is read leaf by leaf like any record parameter.
   */
  private void residualParam(javax.lang.model.element.VariableElement p, String name, RecordShape shape) {
    if (shape != null) {
      return;
    }
    residualParam = p;
    residualLeaves = new ArrayList<>();
    if (residualLength >= 0) {
      for (int j = 0; j < residualLength; j++) {
        residualLeaves.add(new Expr.Var(name + "_" + j, Type.DOUBLE));
        usedNames.add(name + "_" + j);
      }
    } else {
      residualLeaves.add(new Expr.Var(name, Type.DOUBLE));
    }
  }

  /** {@code res[2]} in a backward pass: the residual's third element, a value of its own. */
  private Expr residualElement(ArrayAccessTree a) {
    if (a.getIndex() instanceof LiteralTree l && l.getValue() instanceof Integer i && i >= 0 && i < residualLength) {
      return residualLeaves.get(i);
    }
    error(Codes.UNSUPPORTED_EXPRESSION, "for second order, a backward pass reads its residual array at constant"
        + " indices from 0 to " + (residualLength - 1) + " (the forward pass creates " + residualLength
        + " elements)", a);
    return dummy();
  }

  /**
   * {@code return Fwd.of(value, residuals)} in a forward pass: the residual leaves go to their locals,
   * the value is returned; residuals are a number, {@code new double[] {...}} or a record.
   */
  private Stmt.Return forwardPassReturn(ExpressionTree e, TreePath parent, List<Stmt> out) {
    TreePath path = new TreePath(parent, e);
    Element target = e instanceof MethodInvocationTree ? trees.getElement(path) : null;
    Element owner = target == null ? null : target.getEnclosingElement();
    if (!(e instanceof MethodInvocationTree m) || m.getArguments().size() != 2
        || !target.getSimpleName().contentEquals("of") || !(owner instanceof TypeElement te)
        || !te.getQualifiedName().contentEquals("io.jgrad.runtime.Fwd")) {
      error(Codes.RULE_RETURN, "for second order, a forward pass ends each path with return Fwd.of(value,"
          + " residuals)", e);
      return new Stmt.Return(dummy());
    }
    Expr value = coerce(expr(m.getArguments().get(0), path), passTypes.get(0));
    List<Expr> leaves = residuals(m.getArguments().get(1), path);
    if (residualLeaves == null) {
      residualLeaves = new ArrayList<>();
      for (int j = 0; j < leaves.size(); j++) {
        String name = "residual" + j;
        for (int k = 2; usedNames.contains(name); k++) {
          name = "residual" + j + "_" + k;
        }
        usedNames.add(name);
        residualLeaves.add(new Expr.Var(name, leaves.get(j).type()));
      }
    } else if (residualLeaves.size() != leaves.size()) {
      error(Codes.RULE_RETURN, "for second order, every path of a forward pass returns as many residuals;"
          + " this one returns " + leaves.size() + ", an earlier one " + residualLeaves.size(), m.getArguments().get(1));
      return new Stmt.Return(value);
    }
    for (int j = 0; j < leaves.size(); j++) {
      out.add(new Stmt.Assign(residualLeaves.get(j), coerce(leaves.get(j), residualLeaves.get(j).type()), false));
    }
    return new Stmt.Return(value);
  }

  /** The leaves of a forward pass's residuals. */
  private List<Expr> residuals(ExpressionTree e, TreePath parent) {
    TreePath path = new TreePath(parent, e);
    if (e instanceof com.sun.source.tree.NewArrayTree n && n.getInitializers() != null) {
      List<Expr> out = new ArrayList<>();
      n.getInitializers().forEach(x -> out.add(coerce(expr(x, path), Type.DOUBLE)));
      return out;
    }
    TypeMirror mirror = trees.getTypeMirror(path);
    RecordShape shape = mirror == null ? null : RecordShape.of(mirror);
    if (shape != null) {
      return record(e, parent, shape);
    }
    if (mirror != null && (mirror.getKind() == TypeKind.DOUBLE || mirror.getKind() == TypeKind.FLOAT
        || mirror.toString().equals("java.lang.Double"))) {
      return List.of(coerce(expr(e, parent), Type.DOUBLE));
    }
    error(Codes.RULE_RETURN, "for second order, the residuals of a forward pass are a number, new double[] {...}"
        + " or a record, so that the backward pass can be differentiated", e);
    return List.of(dummy());
  }

  /**
   * The returned gradient's component {@code selectedLeaf} in a backward pass: the value itself for one
   * differentiated parameter, else argument {@code selectedLeaf} of {@code new FGrad(...)};
   * {@code null} is zero.
   */
  private Expr backwardPassReturn(ExpressionTree e, TreePath parent) {
    TreePath path = new TreePath(parent, e);
    Type type = passTypes.get(selectedLeaf);
    if (e.getKind() == Tree.Kind.NULL_LITERAL) {
      return Exprs.lit(type, 0);
    }
    if (passTypes.size() == 1) {
      return coerce(expr(e, parent), type);
    }
    if (e instanceof com.sun.source.tree.NewClassTree n && n.getClassBody() == null
        && n.getArguments().size() == passTypes.size()) {
      ExpressionTree arg = n.getArguments().get(selectedLeaf);
      return arg.getKind() == Tree.Kind.NULL_LITERAL ? Exprs.lit(type, 0) : coerce(expr(arg, path), type);
    }
    error(Codes.RULE_RETURN, "for second order, a backward pass ends each path with return null or return new"
        + " ...Grad(...) of " + passTypes.size() + " components", e);
    return dummy();
  }

  /** A returned record: all its leaves, each of its component's type. */
  private Expr recordResult(ExpressionTree e, TreePath parent, RecordShape shape) {
    List<Expr> values = record(e, parent, shape);
    List<Expr> leaves = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      leaves.add(coerce(values.get(i), shape.leaves().get(i).type()));
    }
    return new Expr.RecordValue(shape, leaves);
  }

  /**
   * The leaves of a record-valued expression, in {@link RecordShape#leaves()} order: a record local or
   * parameter, {@code new Point(a, b)}, a component that is itself a record, a call to a differentiable
   * function returning a record, or a conditional between them.
   */
  private List<Expr> record(ExpressionTree e, TreePath parent, RecordShape shape) {
    TreePath path = new TreePath(parent, e);
    int size = shape.leaves().size();
    switch (e.getKind()) {
      case PARENTHESIZED:
        return record(((ParenthesizedTree) e).getExpression(), path, shape);
      case IDENTIFIER: {
        Element element = trees.getElement(path);
        if (element == null || element.asType().getKind() == TypeKind.ERROR) {
          javacError = true;
          return dummies(size);
        }
        if (recordLocals.containsKey(element)) {
          return new ArrayList<>(recordLocals.get(element));
        }
        break;
      }
      case NEW_CLASS: {
        com.sun.source.tree.NewClassTree n = (com.sun.source.tree.NewClassTree) e;
        if (n.getClassBody() != null || n.getArguments().size() != shape.components().size()) {
          break;
        }
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < shape.components().size(); i++) {
          RecordShape.Component c = shape.components().get(i);
          ExpressionTree arg = n.getArguments().get(i);
          if (c.nested() != null) {
            out.addAll(record(arg, path, c.nested()));
          } else {
            out.add(coerce(expr(arg, path), c.type()));
          }
        }
        return out;
      }
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree c = (ConditionalExpressionTree) e;
        Expr cond = expr(c.getCondition(), path);
        List<Expr> a = record(c.getTrueExpression(), path, shape);
        List<Expr> b = record(c.getFalseExpression(), path, shape);
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          out.add(new Expr.Conditional(cond, a.get(i), b.get(i), shape.leaves().get(i).type()));
        }
        return out;
      }
      case METHOD_INVOCATION: {
        MethodInvocationTree t = (MethodInvocationTree) e;
        Element element = trees.getElement(path);
        if (!(element instanceof ExecutableElement callee)) {
          javacError = true;
          return dummies(size);
        }
        if (isAccessor(callee) && t.getMethodSelect() instanceof MemberSelectTree m) {
          TreePath receiverPath = new TreePath(path, m);
          RecordShape outer = RecordShape.of(trees.getTypeMirror(new TreePath(receiverPath, m.getExpression())));
          if (outer != null) {
            int[] span = outer.span(callee.getSimpleName().toString());
            return new ArrayList<>(record(m.getExpression(), receiverPath, outer).subList(span[0], span[0] + span[1]));
          }
        }
        if (CalleeResolver.isDifferentiable(callee) && RecordSignatureReader.involvesRecords(callee)) {
          return recordCall(t, path, callee);
        }
        break;
      }
      default:
        break;
    }
    error(Codes.UNSUPPORTED_EXPRESSION, "this record value is not in the differentiable subset: a record is a"
        + " record local or parameter, new " + shape.qualifiedName().substring(shape.qualifiedName().lastIndexOf('.') + 1)
        + "(...), a component, a call to a differentiable function, or a conditional between them", e);
    return dummies(size);
  }

  /**
   * A call to a differentiable function with records in its signature: the arguments scalarized leaf
   * by leaf, one call per leaf of a record result (to {@code g_flat_x}...) or one to {@code g_flat}.
   */
  private List<Expr> recordCall(MethodInvocationTree t, TreePath path, ExecutableElement callee) {
    if (callsItself(callee, t)) {
      return dummies(1);
    }
    for (var p : callee.getParameters()) {
      if (RecordShape.isRecord(p.asType()) && RecordShape.of(p.asType()) == null) {
        error(Codes.UNSUPPORTED_TYPE, callee.getSimpleName() + " takes a record jgrad cannot scalarize", t);
        return dummies(1);
      }
    }
    RecordSignature sig = RecordSignatureReader.read(callee, callees);
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < t.getArguments().size(); i++) {
      RecordSignature.UserParam p = sig.params().get(i);
      ExpressionTree a = t.getArguments().get(i);
      if (p.shape() != null) {
        args.addAll(record(a, path, p.shape()));
      } else {
        args.add(coerce(expr(a, path), p.param().type()));
      }
    }
    List<Expr> out = new ArrayList<>();
    if (sig.result() == null) {
      out.add(new Expr.Call(sig.flat().get(0), List.copyOf(args), sig.flat().get(0).returnType()));
      return out;
    }
    List<RecordShape.Leaf> leaves = sig.result().leaves();
    for (int i = 0; i < leaves.size(); i++) {
      if (leaves.get(i).differentiable()) {
        Callee leafCall = sig.leafCall(i);
        out.add(new Expr.Call(leafCall, List.copyOf(args), leafCall.returnType()));
      } else {
        // A component without a tangent: its value, from the generated primal of that leaf.
        out.add(new Expr.PrimalCall(sig.derivatives(), sig.primalLeaf(leaves.get(i)), List.copyOf(args),
            leaves.get(i).type()));
      }
    }
    return out;
  }

  private static List<Expr> dummies(int n) {
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(dummy());
    }
    return out;
  }

  // ---------------------------------------------------------------- helpers

  /**
   * javac's type of {@code e}, or null without a report when javac could not attribute it yet: an
   * expression around a call to a class jgrad has not generated yet ({@code FooDerivatives.g()}).
   */
  private Type typeOfOrNull(TreePath parent, Tree e) {
    TreePath path = parent.getLeaf() == e ? parent : new TreePath(parent, e);
    TypeMirror mirror = trees.getTypeMirror(path);
    return mirror != null && mirror.getKind() == TypeKind.ERROR ? null : typeOf(parent, e);
  }

  /** The type the IR infers for an expression javac left unattributed, or a report when it cannot. */
  private Type unattributed(TreePath parent, Tree e, java.util.function.Supplier<Type> inferred) {
    TreePath path = parent.getLeaf() == e ? parent : new TreePath(parent, e);
    TypeMirror mirror = trees.getTypeMirror(path);
    if (mirror == null || mirror.getKind() != TypeKind.ERROR) {
      return null; // typeOf reported it already
    }
    Type type = inferred.get();
    if (type == null) {
      error(Codes.UNSUPPORTED_TYPE, "jgrad cannot type this expression", e);
    }
    return type;
  }

  /** Java's type of a binary operation on IR operands, for an expression javac left unattributed. */
  private static Type binaryType(Tree.Kind kind, Expr left, Expr right) {
    return switch (kind) {
      case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO,
          CONDITIONAL_AND, CONDITIONAL_OR -> Type.BOOLEAN;
      default -> numeric(left, right) ? Exprs.promote(left.type(), right.type()) : null;
    };
  }

  private static boolean numeric(Expr a, Expr b) {
    return isNumeric(a.type()) && isNumeric(b.type());
  }

  private Type typeOf(TreePath parent, Tree e) {
    TreePath path = parent.getLeaf() == e ? parent : new TreePath(parent, e);
    TypeMirror mirror = trees.getTypeMirror(path);
    if (mirror == null || mirror.getKind() == TypeKind.ERROR) {
      javacError = true;
      return null;
    }
    Type type = TypeMapper.map(mirror);
    if (type == null) {
      error(Codes.UNSUPPORTED_TYPE, "a value of type " + mirror + " is not in the differentiable subset", e);
    }
    return type;
  }

  /**
   * A cast to {@code char}, {@code byte} or {@code short} (whose values the IR carries as int): a
   * constant is folded with the cast's wrap-around; any other value would need it at run time.
   */
  private Expr narrowCast(String narrow, Expr operand, Tree at) {
    boolean negated = operand instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG;
    Expr literal = negated ? ((Expr.Unary) operand).operand() : operand;
    if (literal instanceof Expr.Const k && k.value() instanceof Number n && operand.type() == Type.INT) {
      int v = negated ? -n.intValue() : n.intValue();
      return Exprs.lit(Type.INT, switch (narrow) {
        case "char" -> (int) (char) v;
        case "byte" -> (int) (byte) v;
        default -> (int) (short) v;
      });
    }
    error(Codes.UNSUPPORTED_TYPE, "a cast to " + narrow + " of a value that is not a constant is not supported:"
        + " jgrad computes char, byte and short values as int, without their wrap-around; hint: compute in int"
        + " (Math.floorMod for the wrap-around)", at);
    return dummy();
  }

  private static Expr coerce(Expr value, Type type) {
    if (value.type() == type || !isNumeric(type) || !isNumeric(value.type())) {
      return value;
    }
    if (value instanceof Expr.Const c && c.value() instanceof Number n && (type == Type.DOUBLE || type == Type.FLOAT)) {
      return Exprs.lit(type, n.doubleValue());
    }
    return new Expr.Cast(type, value);
  }

  private static boolean isNumeric(Type t) {
    return t == Type.DOUBLE || t == Type.FLOAT || t == Type.INT || t == Type.LONG;
  }

  private static Expr dummy() {
    return Expr.Const.ofDouble(0);
  }

  private static String describe(Tree t) {
    return t.getKind().toString().toLowerCase().replace('_', ' ');
  }

  private void error(String code, String message, Tree at) {
    report.error(code, message, at, unit);
  }
}

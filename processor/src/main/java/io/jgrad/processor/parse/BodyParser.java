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
import io.jgrad.processor.check.CallArgumentChecker;
import io.jgrad.processor.check.Codes;
import io.jgrad.processor.check.Report;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
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
    usedNames.addAll(io.jgrad.processor.transform.Names.GENERATED);
  }

  /** The IR of the method, or empty when the body is unavailable or errors were reported. */
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
    Callee signature = callees.resolve(method);
    for (int i = 0; i < method.getParameters().size(); i++) {
      var p = method.getParameters().get(i);
      String name = paramNames != null && i < paramNames.size() ? paramNames.get(i) : p.getSimpleName().toString();
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
    if (report.errorCount() > errorsBefore || javacError) {
      // javac reports its own errors (an unknown name, a bad type) once processing ends.
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
    if (!rule) {
      CallArgumentChecker.check(body, signature.differentiatedParams(), positions, report, unit, method);
      if (report.errorCount() > errorsBefore) {
        return Optional.empty();
      }
    }
    return Optional.of(new Function(signature, body));
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
        Stmt.Return r = new Stmt.Return(t.getExpression() == null ? null
            : rule ? pair(t.getExpression(), path) : expr(t.getExpression(), path));
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
      default -> error(Codes.UNSUPPORTED_STATEMENT, "a " + describe(s) + " statement is not in the"
          + " differentiable subset", s);
    }
  }

  private void variable(VariableTree t, TreePath path, List<Stmt> out) {
    Element element = trees.getElement(path);
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
      error(Codes.UNSUPPORTED_TYPE, "array locals are not supported yet; hint: index the parameter"
          + " directly", t);
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

  private String declare(Element local) {
    String base = local.getSimpleName().toString();
    String name = base;
    for (int i = 2; usedNames.contains(name); i++) {
      name = base + i;
    }
    usedNames.add(name);
    names.put(local, name);
    return name;
  }

  private void expressionStatement(ExpressionStatementTree t, TreePath path, List<Stmt> out) {
    ExpressionTree e = t.getExpression();
    TreePath ePath = new TreePath(path, e);
    switch (e.getKind()) {
      case ASSIGNMENT -> {
        AssignmentTree a = (AssignmentTree) e;
        Expr.Var target = assignable(a.getVariable(), ePath);
        Expr value = expr(a.getExpression(), ePath);
        if (target != null) {
          out.add(new Stmt.Assign(target, coerce(value, target.type()), false));
        }
      }
      case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT -> {
        CompoundAssignmentTree a = (CompoundAssignmentTree) e;
        Expr.Var target = assignable(a.getVariable(), ePath);
        Expr value = expr(a.getExpression(), ePath);
        if (target != null) {
          Tree.Kind op = switch (e.getKind()) {
            case PLUS_ASSIGNMENT -> Tree.Kind.PLUS;
            case MINUS_ASSIGNMENT -> Tree.Kind.MINUS;
            case MULTIPLY_ASSIGNMENT -> Tree.Kind.MULTIPLY;
            case DIVIDE_ASSIGNMENT -> Tree.Kind.DIVIDE;
            default -> Tree.Kind.REMAINDER;
          };
          Expr combined = arithmetic(op, target, value, Exprs.promote(target.type(), value.type()), e);
          out.add(new Stmt.Assign(target, coerce(combined, target.type()), false));
        }
      }
      case POSTFIX_INCREMENT, PREFIX_INCREMENT, POSTFIX_DECREMENT, PREFIX_DECREMENT -> {
        UnaryTree u = (UnaryTree) e;
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
        Expr call = expr(e, path);
        if (call instanceof Expr.PrimalCall pc) {
          out.add(new Stmt.Effect(pc));
        }
        // A differentiable call whose value is dropped has no effect to keep.
      }
      default -> error(Codes.UNSUPPORTED_STATEMENT, "this statement is not in the differentiable subset", e);
    }
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
    String indexName = "i";
    for (int i = 2; usedNames.contains(indexName); i++) {
      indexName = "i" + i;
    }
    usedNames.add(indexName);
    Expr.Var index = new Expr.Var(indexName, Type.INT);
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
        return operand.type() == type ? operand : new Expr.Cast(type, operand);
      }
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree c = (ConditionalExpressionTree) e;
        Type type = typeOf(path, e);
        Expr cond = expr(c.getCondition(), path);
        Expr a = expr(c.getTrueExpression(), path);
        Expr b = expr(c.getFalseExpression(), path);
        return type == null ? dummy() : new Expr.Conditional(cond, coerce(a, type), coerce(b, type), type);
      }
      case UNARY_MINUS: {
        Expr operand = expr(((UnaryTree) e).getExpression(), path);
        Type type = typeOf(path, e);
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
        Type type = typeOf(path, e);
        return type == null ? dummy() : arithmetic(e.getKind(), left, right, type, e);
      }
      case METHOD_INVOCATION:
        return invocation((MethodInvocationTree) e, path);
      case LAMBDA_EXPRESSION, MEMBER_REFERENCE:
        error(Codes.LAMBDA, "lambdas and method references are not in the differentiable subset;"
            + " hint: call a @Differentiable static method instead", e);
        return dummy();
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
    if (element != null && names.containsKey(element)) {
      Type type = TypeMapper.map(element.asType());
      if (type == null) {
        error(Codes.UNSUPPORTED_TYPE, "the type of " + t.getName() + " is not in the differentiable subset", t);
        return dummy();
      }
      return new Expr.Var(names.get(element), type);
    }
    if (element != null && element.getKind() == ElementKind.FIELD) {
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
    if (element.getKind() == ElementKind.FIELD) {
      return staticField(element, t);
    }
    error(Codes.UNSUPPORTED_EXPRESSION, "cannot read " + t + " in a differentiable function", t);
    return dummy();
  }

  private Expr staticField(Element field, Tree at) {
    Type type = TypeMapper.map(field.asType());
    if (!field.getModifiers().contains(Modifier.STATIC) || type == null || type.isArray()) {
      error(Codes.UNSUPPORTED_EXPRESSION, "a differentiable function may read only static fields of"
          + " primitive type (" + field.getSimpleName() + ")", at);
      return dummy();
    }
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      error(Codes.INACCESSIBLE, "the generated derivatives cannot read the private field "
          + field.getSimpleName() + "; hint: make it package-private", at);
      return dummy();
    }
    String owner = ((TypeElement) field.getEnclosingElement()).getQualifiedName().toString();
    return new Expr.StaticField(owner, field.getSimpleName().toString(), type);
  }

  private Expr invocation(MethodInvocationTree t, TreePath path) {
    Element element = trees.getElement(path);
    if (!(element instanceof ExecutableElement callee)) {
      javacError = true;
      return dummy();
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
      Optional<Primitive> p = Primitive.forMathMethod(name, args.size());
      if (p.isEmpty()) {
        error(Codes.UNSUPPORTED_MATH, "Math." + name + " is not in jgrad's table of differentiable"
            + " primitives; hint: give the function that uses it a @CustomJvp rule", t);
        return dummy();
      }
      Type type = typeOf(path, t);
      return type == null ? dummy() : new Expr.Prim(p.get(), args, type, ownerName.endsWith("StrictMath"));
    }
    if (ownerName.equals("io.jgrad.runtime.Dual") || ownerName.equals("io.jgrad.runtime.FloatDual")) {
      error(Codes.RULE_RETURN, "a " + owner.getSimpleName() + " may appear only in a custom JVP rule's"
          + " return statement; hint: end each path with return " + owner.getSimpleName()
          + ".of(value, tangent)", t);
      return dummy();
    }
    if (!callee.getModifiers().contains(Modifier.STATIC) && !calledOnStaticField(t, path)) {
      error(Codes.INSTANCE_CALL, "calling the instance method " + name + " is not in the differentiable"
          + " subset; hint: call a static method", t);
      return dummy();
    }
    if (CalleeResolver.isDifferentiable(callee)) {
      if (callee.equals(method)) {
        error(Codes.RECURSION, method.getSimpleName() + " calls itself; recursion is not supported;"
            + " hint: write it as a loop", t);
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
      return new Expr.PrimalCall(receiver(t, path, ownerName), name, args,
          rt.getKind() == TypeKind.VOID ? Type.OBJECT : returnType);
    }
    error(Codes.NOT_DIFFERENTIABLE, "the call to " + owner.getSimpleName() + "." + name + " returns "
        + rt + " but " + name + " is not differentiable; hint: annotate it @Differentiable or give it a"
        + " @CustomJvp rule", t);
    return dummy();
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

  // ---------------------------------------------------------------- helpers

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

package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;

/**
 * Reads statements into the IR: blocks, locals, assignments, if/else, loops (a {@code for} and a
 * for-each become a {@code while}) and returns, whose value the {@link ReadMode} reads.
 */
final class StatementReader {
  private final ReadContext cx;
  final LocalArrayReader arrays;
  private int loopDepth;
  /** A loop whose condition is always true: with no break or return inside, it never ends. */
  Tree endlessLoop;
  /** Where each return came from, for the report of one in a position jgrad cannot differentiate. */
  private final Map<Stmt.Return, Tree> returnTrees = new IdentityHashMap<>();

  StatementReader(ReadContext cx) {
    this.cx = cx;
    this.arrays = new LocalArrayReader(cx);
  }

  List<Stmt> block(List<? extends StatementTree> statements, TreePath parent) {
    List<Stmt> out = new ArrayList<>();
    for (StatementTree s : statements) {
      statement(s, new TreePath(parent, s), out);
    }
    return out;
  }

  private List<Stmt> body(StatementTree s, TreePath parent) {
    return s instanceof BlockTree b ? block(b.getStatements(), new TreePath(parent, s)) : block(List.of(s), parent);
  }

  /** A loop's body, in which a return is reported. */
  private List<Stmt> loopBody(StatementTree s, TreePath parent) {
    loopDepth++;
    List<Stmt> body = body(s, parent);
    loopDepth--;
    return body;
  }

  private void statement(StatementTree s, TreePath path, List<Stmt> out) {
    if (s.getKind() == Tree.Kind.VARIABLE || s.getKind() == Tree.Kind.EXPRESSION_STATEMENT
        || s.getKind() == Tree.Kind.RETURN) {
      ArrayArguments.lift(cx, s, path, out);
    }
    switch (s.getKind()) {
      case VARIABLE -> variable((VariableTree) s, path, out);
      case EXPRESSION_STATEMENT -> expressionStatement((ExpressionStatementTree) s, path, out);
      case BLOCK -> out.add(new Stmt.Block(block(((BlockTree) s).getStatements(), path)));
      case IF -> {
        IfTree t = (IfTree) s;
        Expr cond = cx.expr(t.getCondition(), path);
        List<Stmt> thenBody = body(t.getThenStatement(), path);
        List<Stmt> elseBody = t.getElseStatement() == null ? List.of() : body(t.getElseStatement(), path);
        out.add(new Stmt.If(cond, thenBody, elseBody));
      }
      case WHILE_LOOP -> {
        WhileLoopTree t = (WhileLoopTree) s;
        noteEndless(t.getCondition(), t);
        Expr cond = cx.expr(t.getCondition(), path);
        out.add(new Stmt.While(cond, loopBody(t.getStatement(), path)));
      }
      case FOR_LOOP -> forLoop((ForLoopTree) s, path, out);
      case ENHANCED_FOR_LOOP -> enhancedFor((EnhancedForLoopTree) s, path, out);
      case RETURN -> {
        ReturnTree t = (ReturnTree) s;
        if (loopDepth > 0) {
          cx.error(Codes.RETURN_IN_LOOP, "return inside a loop is not supported yet;"
              + " hint: leave the loop through its condition and return after it", s);
        }
        Stmt.Return r = new Stmt.Return(t.getExpression() == null ? null
            : cx.mode.readReturn(cx, t.getExpression(), path, out));
        returnTrees.put(r, s);
        out.add(r);
      }
      case EMPTY_STATEMENT -> { }
      case SWITCH -> cx.error(Codes.SWITCH, "switch is not in the differentiable subset; hint: use if/else", s);
      case TRY -> cx.error(Codes.TRY_CATCH, "try/catch is not in the differentiable subset;"
          + " hint: move the guarded code into a non-differentiable helper", s);
      case SYNCHRONIZED -> cx.error(Codes.SYNCHRONIZED, "synchronized is not in the differentiable subset;"
          + " hint: differentiable functions are pure, synchronize in the caller", s);
      case BREAK, CONTINUE -> cx.error(Codes.UNSUPPORTED_STATEMENT, s.getKind().toString().toLowerCase()
          + " is not supported yet; hint: express the exit in the loop condition", s);
      // javac calls some kinds "... statement" itself (LABELED_STATEMENT): say it once
      default -> cx.error(Codes.UNSUPPORTED_STATEMENT, "a " + s.getKind().toString().toLowerCase().replace('_', ' ')
          .replaceAll(" statement$", "") + " statement is not in the differentiable subset", s);
    }
  }

  private void variable(VariableTree t, TreePath path, List<Stmt> out) {
    Element element = cx.trees.getElement(path);
    if (cx.derivativeCalls.hold(t, path, element, out)) {
      return;
    }
    RecordShape shape = element == null ? null : RecordShape.of(element.asType());
    if (shape != null) {
      cx.records.local(t, path, element, shape, out);
      return;
    }
    Type type = element == null ? null : TypeMapper.map(element.asType());
    if (type == null) {
      reject(t, path, element, false,
          " is not in the differentiable subset (double, float, int, long, boolean, arrays of them)");
      return;
    }
    if (type.isArray()) {
      arrays.local(t, path, element, type, out);
      return;
    }
    boolean string = "java.lang.String".equals(TypeMapper.javaType(element.asType()));
    if (type.isFunctionObject() || (type == Type.OBJECT && !string)) {
      reject(t, path, element, true, " is not supported; hint: use the parameter, or pass the value straight"
          + " to the call");
      return;
    }
    Expr.Var var = new Expr.Var(cx.declare(element), type);
    out.add(t.getInitializer() == null ? new Stmt.Declare(var)
        : new Stmt.Assign(var, coerce(cx.expr(t.getInitializer(), path), type), true));
  }

  /**
   * A local of a type jgrad does not read: what its initializer holds (an object, a lambda capturing a
   * tangent) is the first mistake to name, else its type, which {@code problem} describes; reading the
   * local later is no second mistake.
   * {@code lambdaReported}: a lambda initializer's own error comes after parsing ({@link LambdaReader}).
   */
  private void reject(VariableTree t, TreePath path, Element element, boolean lambdaReported, String problem) {
    int before = cx.report.errorCount();
    ExpressionTree init = t.getInitializer();
    if (init != null) {
      cx.expr(init, path);
    }
    boolean lambda = lambdaReported && init != null && (init.getKind() == Tree.Kind.LAMBDA_EXPRESSION
        || init.getKind() == Tree.Kind.MEMBER_REFERENCE);
    if (!cx.javacFailed(element) && cx.report.errorCount() == before && !lambda) {
      cx.error(Codes.UNSUPPORTED_TYPE, "a local of type " + element.asType() + problem, t);
    }
    if (element != null) {
      cx.rejectedLocals.add(element);
    }
  }

  private void expressionStatement(ExpressionStatementTree t, TreePath path, List<Stmt> out) {
    ExpressionTree e = t.getExpression();
    TreePath ePath = new TreePath(path, e);
    switch (e.getKind()) {
      case ASSIGNMENT -> {
        AssignmentTree a = (AssignmentTree) e;
        Element recordTarget = a.getVariable() instanceof IdentifierTree
            ? cx.trees.getElement(new TreePath(ePath, a.getVariable())) : null;
        if (recordTarget != null && cx.recordLocals.containsKey(recordTarget)) {
          cx.records.assign(a, ePath, recordTarget, out);
        } else {
          write(a.getVariable(), null, a.getExpression(), ePath, e, out);
        }
      }
      case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT -> {
        CompoundAssignmentTree a = (CompoundAssignmentTree) e;
        write(a.getVariable(), e.getKind(), a.getExpression(), ePath, e, out);
      }
      case POSTFIX_INCREMENT, PREFIX_INCREMENT, POSTFIX_DECREMENT, PREFIX_DECREMENT -> {
        boolean up = e.getKind() == Tree.Kind.POSTFIX_INCREMENT || e.getKind() == Tree.Kind.PREFIX_INCREMENT;
        write(((UnaryTree) e).getExpression(), up ? Tree.Kind.PLUS : Tree.Kind.MINUS, null, ePath, e, out);
      }
      case METHOD_INVOCATION -> {
        // A differentiable call whose value is dropped has no effect to keep.
        if (!arrays.copyOrFill((MethodInvocationTree) e, ePath, out)
            && cx.expr(e, path) instanceof Expr.PrimalCall pc) {
          out.add(new Stmt.Effect(pc));
        }
      }
      default -> cx.error(Codes.UNSUPPORTED_STATEMENT, "this statement is not in the differentiable subset", e);
    }
  }

  /**
   * {@code variable op= value} ({@code op} the compound assignment's kind, or the operator's for
   * {@code ++} and {@code --}), or {@code variable = value} when {@code op} is null, or
   * {@code variable++} / {@code variable--} when {@code valueTree} is null.
   */
  private void write(ExpressionTree variable, Tree.Kind op, ExpressionTree valueTree, TreePath path, Tree at,
      List<Stmt> out) {
    if (variable instanceof ArrayAccessTree access) {
      arrays.write(access, path, op, valueTree, at, out);
      return;
    }
    Expr.Var target = assignable(variable, path);
    Expr value = valueTree == null ? null : cx.expr(valueTree, path);
    if (target == null) {
      return;
    }
    if (value == null) {
      // i++ on a long adds a long one: the generated code reads as the source does.
      value = Exprs.lit(target.type() == Type.LONG ? Type.LONG : Type.INT, 1);
    }
    if (op != null) {
      value = cx.expressions.arithmetic(op, target, value, Exprs.promote(target.type(), value.type()), at);
    }
    out.add(new Stmt.Assign(target, coerce(value, target.type()), false));
  }

  private void forLoop(ForLoopTree t, TreePath path, List<Stmt> out) {
    noteEndless(t.getCondition(), t);
    List<Stmt> scoped = block(t.getInitializer(), path);
    Expr cond = t.getCondition() == null ? new Expr.Const(Type.BOOLEAN, true) : cx.expr(t.getCondition(), path);
    List<Stmt> loopBody = loopBody(t.getStatement(), path);
    loopBody.addAll(block(t.getUpdate(), path));
    scoped.add(new Stmt.While(cond, loopBody));
    out.add(new Stmt.Block(scoped));
  }

  /** {@code for (double v : xs) body} as {@code for (int i = 0; i < xs.length; i++) { double v = xs[i]; body }}. */
  private void enhancedFor(EnhancedForLoopTree t, TreePath path, List<Stmt> out) {
    Expr array = cx.expr(t.getExpression(), path);
    Element element = cx.trees.getElement(new TreePath(path, t.getVariable()));
    Type type = element == null ? null : TypeMapper.map(element.asType());
    if (!array.type().isArray() || type == null || type.isArray()) {
      cx.error(Codes.UNSUPPORTED_STATEMENT, "a for-each loop is supported over arrays of double, float"
          + " or int only", t);
      return;
    }
    Expr.Var index = new Expr.Var(cx.fresh("i"), Type.INT);
    Expr.Var var = new Expr.Var(cx.declare(element), type);
    List<Stmt> loopBody = new ArrayList<>();
    loopBody.add(new Stmt.Assign(var, coerce(new Expr.ArrayRead(array, index, array.type().element()), type), true));
    loopBody.addAll(loopBody(t.getStatement(), path));
    loopBody.add(Stmt.increment(index, 1));
    Expr cond = new Expr.Binary(Expr.BinaryOp.LT, index, new Expr.ArrayLength(array), Type.BOOLEAN);
    out.add(new Stmt.Block(List.of(new Stmt.Assign(index, Exprs.lit(Type.INT, 0), true),
        new Stmt.While(cond, loopBody))));
  }

  /** Remembers the first loop whose condition is absent or the literal {@code true}. */
  private void noteEndless(ExpressionTree condition, Tree loop) {
    ExpressionTree c = ReadContext.unwrap(condition);
    if (endlessLoop == null && (c == null || (c instanceof LiteralTree l && Boolean.TRUE.equals(l.getValue())))) {
      endlessLoop = loop;
    }
  }

  private Expr.Var assignable(ExpressionTree target, TreePath parent) {
    TreePath path = new TreePath(parent, target);
    Element element = cx.trees.getElement(path);
    if (element != null && cx.rejectedLocals.contains(element)) {
      return null;
    }
    if (element != null && element.getKind() == ElementKind.FIELD) {
      cx.error(Codes.FIELD_WRITE, "a differentiable function may not write a field (" + element.getSimpleName()
          + "); hint: return the value instead", target);
      return null;
    }
    if (target instanceof IdentifierTree && element != null && cx.names.containsKey(element)) {
      Type type = TypeMapper.map(element.asType());
      if (type == null || type.isArray()) {
        cx.error(Codes.UNSUPPORTED_TYPE, "assigning to " + element.getSimpleName() + " is not supported", target);
        return null;
      }
      String narrow = TypeMapper.narrowInt(element.asType());
      if (narrow != null) {
        // Read-only they are exact as int; a write would need the type's wrap-around.
        cx.error(Codes.UNSUPPORTED_TYPE, "assigning to the " + narrow + " " + element.getSimpleName() + " is not"
            + " supported: jgrad computes char, byte and short values as int; hint: copy it into an int local", target);
        return null;
      }
      return new Expr.Var(cx.names.get(element), type);
    }
    cx.error(Codes.UNSUPPORTED_EXPRESSION, "only locals and parameters can be assigned", target);
    return null;
  }

  /**
   * Reports a return that {@link ReturnShaper} cannot place, at the return (the shaper moves the
   * returns read here, never makes one).
   */
  void reportReturn(Stmt.Return r) {
    cx.error(Codes.UNSUPPORTED_RETURN, "this return is not in a position jgrad can differentiate yet: a return"
        + " must end the method or a branch of an if/else whose other branch holds the rest of the method;"
        + " hint: restructure with if/else, or store the result in a local", returnTrees.get(r));
  }
}

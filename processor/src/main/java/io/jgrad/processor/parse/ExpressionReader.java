package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;
import static io.jgrad.processor.parse.ReadContext.widen;
import static io.jgrad.processor.parse.ReadContext.dummy;
import static io.jgrad.processor.parse.ReadContext.isNumeric;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Reads an expression into the IR, typed with javac's attribution: literals, locals and parameters,
 * static fields, operators, casts and conditionals; calls go to {@link CallReader}, lambdas to
 * {@link LambdaReader}.
 */
final class ExpressionReader {
  private final ReadContext cx;
  private final CallReader calls;
  final LambdaReader lambdas;

  ExpressionReader(ReadContext cx) {
    this.cx = cx;
    this.calls = new CallReader(cx);
    this.lambdas = new LambdaReader(cx);
  }

  /** The IR of {@code e}, whose position is remembered. */
  Expr expr(ExpressionTree e, TreePath parent) {
    Expr parsed = read(e, parent);
    cx.positions.putIfAbsent(parsed, e);
    return parsed;
  }

  private Expr read(ExpressionTree e, TreePath parent) {
    TreePath path = new TreePath(parent, e);
    Expr bound = cx.mode.readParameter(cx, e, path);
    if (bound != null) {
      return bound;
    }
    return switch (e.getKind()) {
      case PARENTHESIZED -> expr(((ParenthesizedTree) e).getExpression(), path);
      case INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL, STRING_LITERAL, CHAR_LITERAL ->
          literal((LiteralTree) e);
      case IDENTIFIER -> identifier((IdentifierTree) e, path);
      case MEMBER_SELECT -> memberSelect((MemberSelectTree) e, path);
      case ARRAY_ACCESS -> {
        ArrayAccessTree a = (ArrayAccessTree) e;
        Optional<Expr> hessian = cx.derivativeCalls.readIndexed(a, path);
        if (hessian.isPresent()) {
          yield hessian.get();
        }
        Expr array = expr(a.getExpression(), path);
        Expr index = expr(a.getIndex(), path);
        Type type = cx.typeOf(path);
        yield type == null ? dummy() : new Expr.ArrayRead(array, index, type);
      }
      case TYPE_CAST -> {
        Type type = cx.typeOf(path);
        Expr operand = expr(((TypeCastTree) e).getExpression(), path);
        if (type == null) {
          yield dummy();
        }
        String narrow = TypeMapper.narrowInt(cx.trees.getTypeMirror(path));
        yield narrow != null ? narrowCast(narrow, operand, e)
            : operand.type() == type ? operand : new Expr.Cast(type, operand);
      }
      case CONDITIONAL_EXPRESSION -> {
        ConditionalExpressionTree c = (ConditionalExpressionTree) e;
        Type attributed = cx.typeOfOrNull(path);
        Expr cond = expr(c.getCondition(), path);
        Expr a = expr(c.getTrueExpression(), path);
        Expr b = expr(c.getFalseExpression(), path);
        Type type = cx.orInferred(attributed, path, () -> numeric(a, b) ? Exprs.promote(a.type(), b.type()) : null);
        yield type == null ? dummy() : new Expr.Conditional(cond, coerce(a, type), coerce(b, type), type);
      }
      case UNARY_MINUS -> {
        Expr operand = expr(((UnaryTree) e).getExpression(), path);
        Type type = cx.orInferred(cx.typeOfOrNull(path), path, () -> numeric(operand, operand) ? operand.type() : null);
        yield type == null ? dummy() : type.isScalar() ? new Expr.Prim(Primitive.NEG, List.of(operand), type, false)
            : new Expr.Unary(Expr.UnaryOp.NEG, operand, type);
      }
      case UNARY_PLUS -> expr(((UnaryTree) e).getExpression(), path);
      case LOGICAL_COMPLEMENT ->
          new Expr.Unary(Expr.UnaryOp.NOT, expr(((UnaryTree) e).getExpression(), path), Type.BOOLEAN);
      case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER, LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN,
          GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO, CONDITIONAL_AND, CONDITIONAL_OR -> {
        BinaryTree b = (BinaryTree) e;
        Expr left = expr(b.getLeftOperand(), path);
        Expr right = expr(b.getRightOperand(), path);
        Type type = cx.orInferred(cx.typeOfOrNull(path), path, () -> binaryType(e.getKind(), left, right));
        yield type == null ? dummy() : arithmetic(e.getKind(), left, right, type, e);
      }
      case METHOD_INVOCATION -> calls.invocation((MethodInvocationTree) e, path);
      case LAMBDA_EXPRESSION, MEMBER_REFERENCE -> lambdas.read(e, path);
      case POSTFIX_INCREMENT, PREFIX_INCREMENT, POSTFIX_DECREMENT, PREFIX_DECREMENT, ASSIGNMENT,
          PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT ->
          cx.failed(Codes.UNSUPPORTED_EXPRESSION, "an assignment inside an expression is not supported;"
              + " hint: make it a statement of its own", e);
      case SWITCH_EXPRESSION -> cx.failed(Codes.SWITCH, "switch is not in the differentiable subset; hint: use"
          + " if/else or the ternary operator", e);
      case NEW_CLASS -> cx.failed(Codes.UNSUPPORTED_EXPRESSION, "creating objects is not supported yet", e);
      case NEW_ARRAY -> cx.liftedArrays.containsKey(e) ? cx.liftedArrays.get(e)
          : path.getParentPath().getLeaf().getKind() == Tree.Kind.RETURN
          // The result is one local array: say so here, where the user wrote the array.
          ? cx.failed(Codes.UNSUPPORTED_RETURN, "an array result must be one local array or parameter,"
              + " not an array created in the return statement; hint: fill a local array and return it"
              + " (double[] y = new double[2]; y[0] = ...; y[1] = ...; return y;)", e)
          : cx.failed(Codes.UNSUPPORTED_EXPRESSION, "an array created inside an expression is supported as"
          + " an argument of a differentiable call at the top level of the body, not here yet (in a loop or"
          + " a branch, say); hint: put it in a local array first (double[] w = new double[n]; w[i] = ...;)"
          + " and pass the local", e);
      default -> cx.failed(Codes.UNSUPPORTED_EXPRESSION, "this expression ("
          + e.getKind().toString().toLowerCase() + ") is not in the differentiable subset", e);
    };
  }

  /**
   * {@code left op right} of type {@code type}, {@code kind} the operator's or its compound
   * assignment's ({@code +=}): a differentiable primitive on scalars, else a plain operation.
   */
  Expr arithmetic(Tree.Kind kind, Expr left, Expr right, Type type, Tree at) {
    if (type.isScalar()) {
      Primitive p = switch (kind) {
        case PLUS, PLUS_ASSIGNMENT -> Primitive.ADD;
        case MINUS, MINUS_ASSIGNMENT -> Primitive.SUB;
        case MULTIPLY, MULTIPLY_ASSIGNMENT -> Primitive.MUL;
        case DIVIDE, DIVIDE_ASSIGNMENT -> Primitive.DIV;
        default -> null;
      };
      if (p == null) {
        return cx.failed(Codes.UNSUPPORTED_EXPRESSION, "the remainder operator on floating-point values is not"
            + " differentiable here; hint: use Math.floor", at);
      }
      return new Expr.Prim(p, List.of(widen(left, type), widen(right, type)), type, false);
    }
    Expr.BinaryOp op = switch (kind) {
      case PLUS, PLUS_ASSIGNMENT -> Expr.BinaryOp.ADD;
      case MINUS, MINUS_ASSIGNMENT -> Expr.BinaryOp.SUB;
      case MULTIPLY, MULTIPLY_ASSIGNMENT -> Expr.BinaryOp.MUL;
      case DIVIDE, DIVIDE_ASSIGNMENT -> Expr.BinaryOp.DIV;
      case REMAINDER, REMAINDER_ASSIGNMENT -> Expr.BinaryOp.REM;
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

  private static Expr literal(LiteralTree t) {
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
    Element element = cx.trees.getElement(path);
    if ((element != null && cx.rejectedLocals.contains(element)) || cx.javacFailed(element)) {
      return dummy();
    }
    Optional<Expr> held = cx.derivativeCalls.readWhole(element, t);
    if (held.isPresent()) {
      return held.get();
    }
    if (cx.recordLocals.containsKey(element)) {
      return cx.failed(Codes.UNSUPPORTED_EXPRESSION, "the record " + t.getName() + " can be read component by"
          + " component (" + t.getName() + ".x()), passed to a differentiable function, returned or copied into a"
          + " record local, not used as a value here; hint: pass its components", t);
    }
    if (cx.names.containsKey(element)) {
      Type type = TypeMapper.map(element.asType());
      return type == null ? cx.failed(Codes.UNSUPPORTED_TYPE, "the type of " + t.getName() + " is not in the"
          + " differentiable subset", t) : new Expr.Var(cx.names.get(element), type);
    }
    return staticField(element, t, t.getName());
  }

  private Expr memberSelect(MemberSelectTree t, TreePath path) {
    Element element = cx.trees.getElement(path);
    if (t.getIdentifier().contentEquals("length")) {
      Expr array = expr(t.getExpression(), path);
      if (array.type().isArray()) {
        return new Expr.ArrayLength(array);
      }
    }
    if (cx.javacFailed(element)) {
      return dummy();
    }
    return staticField(element, t, t);
  }

  /** A static field or enum constant {@code shown} names, which is read; anything else is reported. */
  private Expr staticField(Element field, Tree at, Object shown) {
    if (field.getKind() != ElementKind.FIELD && field.getKind() != ElementKind.ENUM_CONSTANT) {
      return cx.failed(Codes.UNSUPPORTED_EXPRESSION, "cannot read " + shown + " in a differentiable function", at);
    }
    Type type = TypeMapper.map(field.asType());
    if (!field.getModifiers().contains(Modifier.STATIC) || type == null) {
      return cx.failed(Codes.UNSUPPORTED_EXPRESSION, "a differentiable function may read only static fields of"
          + " primitive type or of type double[], float[] or int[] (" + field.getSimpleName() + ")", at);
    }
    boolean mutable = !field.getModifiers().contains(Modifier.FINAL);
    if (type.isArray() && mutable) {
      return cx.failed(Codes.UNSUPPORTED_EXPRESSION, "a differentiable function may read the static array "
          + field.getSimpleName() + " only when it is final; hint: make it final", at);
    }
    if (field.getModifiers().contains(Modifier.PRIVATE)
        || field.getEnclosingElement().getModifiers().contains(Modifier.PRIVATE)) {
      return cx.failed(Codes.INACCESSIBLE, "the generated derivatives cannot read the private field "
          + field.getSimpleName() + "; hint: make it package-private", at);
    }
    String owner = ((TypeElement) field.getEnclosingElement()).getQualifiedName().toString();
    return new Expr.StaticField(owner, field.getSimpleName().toString(), type, mutable);
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
    return cx.failed(Codes.UNSUPPORTED_TYPE, "a cast to " + narrow + " of a value that is not a constant is not"
        + " supported: jgrad computes char, byte and short values as int, without their wrap-around; hint:"
        + " compute in int (Math.floorMod for the wrap-around)", at);
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
}

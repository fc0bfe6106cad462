package io.jgrad.processor.ir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Predicate;

/**
 * Builders for the expressions that derivative rules write, with Java's numeric promotion and
 * folding of literal operands, so that generated code reads like hand-written code.
 */
public final class Exprs {
  private Exprs() {}

  /** Java's binary numeric promotion. */
  public static Type promote(Type a, Type b) {
    return a == Type.DOUBLE || b == Type.DOUBLE ? Type.DOUBLE
        : a == Type.FLOAT || b == Type.FLOAT ? Type.FLOAT
        : a == Type.LONG || b == Type.LONG ? Type.LONG
        : Type.INT;
  }

  /** A literal of the given numeric type. */
  public static Expr.Const lit(Type type, double value) {
    return switch (type) {
      case FLOAT -> new Expr.Const(Type.FLOAT, (float) value);
      case INT -> new Expr.Const(Type.INT, (int) value);
      case LONG -> new Expr.Const(Type.LONG, (long) value);
      default -> new Expr.Const(Type.DOUBLE, value);
    };
  }

  /** The zero of a local's type (false for a boolean): what it holds before its first assignment. */
  public static Expr.Const zero(Type t) {
    return switch (t) {
      case FLOAT -> new Expr.Const(t, 0.0f);
      case INT -> new Expr.Const(t, 0);
      case LONG -> new Expr.Const(t, 0L);
      case BOOLEAN -> new Expr.Const(t, false);
      default -> new Expr.Const(Type.DOUBLE, 0.0);
    };
  }

  /** The literal's numeric value, or null when {@code e} is not a numeric literal. */
  public static Double constValue(Expr e) {
    return e instanceof Expr.Const c && c.value() instanceof Number n ? n.doubleValue() : null;
  }

  /** Whether {@code e} is the literal zero. */
  public static boolean isZero(Expr e) {
    Double c = constValue(e);
    return c != null && c == 0.0;
  }

  private static Type arith(Expr a, Expr b) {
    Type t = promote(a.type(), b.type());
    return t == Type.INT || t == Type.LONG ? Type.DOUBLE : t;
  }

  /** {@code a + b}. */
  public static Expr add(Expr a, Expr b) {
    return folded(Primitive.ADD, a, b, Double::sum);
  }

  /** {@code a - b}. */
  public static Expr sub(Expr a, Expr b) {
    return folded(Primitive.SUB, a, b, (x, y) -> x - y);
  }

  /** {@code a op b}, a literal when both are. */
  private static Expr folded(Primitive op, Expr a, Expr b, DoubleBinaryOperator fold) {
    Double ca = constValue(a);
    Double cb = constValue(b);
    return ca != null && cb != null ? lit(arith(a, b), fold.applyAsDouble(ca, cb))
        : new Expr.Prim(op, List.of(a, b), arith(a, b), false);
  }

  /** {@code a * b}, with literal ones dropped. */
  public static Expr mul(Expr a, Expr b) {
    Type t = arith(a, b);
    if (constValue(b) == null && Objects.equals(constValue(a), 1.0) && b.type() == t) {
      return b;
    }
    if (constValue(a) == null && Objects.equals(constValue(b), 1.0) && a.type() == t) {
      return a;
    }
    return folded(Primitive.MUL, a, b, (x, y) -> x * y);
  }

  /** {@code a / b}. */
  public static Expr div(Expr a, Expr b) {
    return new Expr.Prim(Primitive.DIV, List.of(a, b), arith(a, b), false);
  }

  /** {@code a op b} as written, without folding, in Java's promoted type. */
  public static Expr prim(Primitive op, Expr a, Expr b) {
    return new Expr.Prim(op, List.of(a, b), promote(a.type(), b.type()), false);
  }

  /** {@code Math.name(args)} for a primitive of the table. */
  public static Expr math(Primitive p, Type type, Expr... args) {
    return new Expr.Prim(p, List.of(args), type, false);
  }

  /** {@code Math.min(a, b)} of two ints (a length, an index), which carries no derivative. */
  public static Expr minInt(Expr a, Expr b) {
    return new Expr.Prim(Primitive.MIN, List.of(a, b), Type.INT, false);
  }

  /** A comparison. */
  public static Expr compare(Expr.BinaryOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b, Type.BOOLEAN);
  }

  /** {@code c ? a : b}. */
  public static Expr cond(Expr c, Expr a, Expr b) {
    return new Expr.Conditional(c, a, b, promote(a.type(), b.type()));
  }

  /** The direct subexpressions of {@code e}, in evaluation order. */
  public static List<Expr> children(Expr e) {
    List<Expr> out = new ArrayList<>();
    Rewrite.node(e, Rewrite.adding(out));
    return out;
  }

  /** Whether {@code e} reads the local {@code name}. */
  public static boolean mentions(Expr e, String name) {
    return any(e, x -> x instanceof Expr.Var v && v.name().equals(name));
  }

  /** Whether {@code test} holds for {@code e} or for an expression inside it, tried in prefix order. */
  public static boolean any(Expr e, Predicate<Expr> test) {
    return test.test(e) || children(e).stream().anyMatch(c -> any(c, test));
  }

  /** The locals {@code e} reads. */
  public static Set<String> vars(Expr e) {
    Set<String> out = new HashSet<>();
    Rewrite.expr(e, node -> {
      if (node instanceof Expr.Var v) {
        out.add(v.name());
      }
      return node;
    });
    return out;
  }

  /** {@code e + k} for an int {@code e}, a literal offset folded in ({@code n - 1 - 1} reads {@code n - 2}). */
  public static Expr plus(Expr e, int k) {
    if (e instanceof Expr.Const c) {
      return lit(Type.INT, ((Number) c.value()).intValue() + k);
    }
    int offset = k;
    Expr base = e;
    if (e instanceof Expr.Binary b && b.right() instanceof Expr.Const c && c.type() == Type.INT
        && (b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB)) {
      offset += (b.op() == Expr.BinaryOp.ADD ? 1 : -1) * (Integer) c.value();
      base = b.left();
    }
    return offset == 0 ? base : new Expr.Binary(offset > 0 ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB, base,
        lit(Type.INT, Math.abs(offset)), Type.INT);
  }
}

package io.jgrad.processor.ir;

import java.util.List;

/** A side-effect-free IR expression with its value type. */
public sealed interface Expr {
  /** The type of the value. */
  Type type();

  /** A literal; {@code value} is a Double, Float, Integer, Long, Boolean or String. */
  record Const(Type type, Object value) implements Expr {
    public static Const ofDouble(double v) {
      return new Const(Type.DOUBLE, v);
    }
  }

  /** A read of a parameter or local. */
  record Var(String name, Type type) implements Expr {}

  /**
   * A read of a static field by qualified owner name; {@code mutable} when the field is not final,
   * so that its value may change between the forward sweep and a later pullback.
   */
  record StaticField(String owner, String name, Type type, boolean mutable) implements Expr {}

  /** Arithmetic, comparison or logic on primal values; differentiable arithmetic becomes {@link Prim}. */
  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {}

  /** Unary minus or logical not on primal values. */
  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {}

  /** An application of a primitive of the rule table (arithmetic or a {@code Math} function). */
  record Prim(Primitive primitive, List<Expr> args, Type type, boolean strict) implements Expr {}

  /** {@code array[index]}. */
  record ArrayRead(Expr array, Expr index, Type type) implements Expr {}

  /** {@code new double[length]}: a fresh local array of zeros ({@code type} is the array type). */
  record NewArray(Type type, Expr length) implements Expr {}

  /** {@code array.length}. */
  record ArrayLength(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.INT;
    }
  }

  /** A primitive conversion {@code (type) operand}. */
  record Cast(Type type, Expr operand) implements Expr {}

  /** {@code condition ? ifTrue : ifFalse}. */
  record Conditional(Expr condition, Expr ifTrue, Expr ifFalse, Type type) implements Expr {}

  /** A call to another differentiable function, through its generated derivatives class. */
  record Call(Callee callee, List<Expr> args, Type type) implements Expr {}

  /** A call to a method that is not differentiated (returns an int, a boolean, or nothing). */
  record PrimalCall(String receiver, String method, List<Expr> args, Type type) implements Expr {}

  /**
   * A lambda or method reference passed to a non-differentiable functional-interface parameter,
   * kept as the user wrote it ({@code source}); {@code captured} are the enclosing locals it reads
   * (never differentiated: that is checked while parsing), {@code bound} the names it declares,
   * which generated locals must not take.
   */
  record Lambda(String source, List<String> captured, List<String> bound) implements Expr {
    @Override
    public Type type() {
      return Type.OBJECT;
    }
  }

  /**
   * A record built from its leaves, in {@link RecordShape#leaves()} order: what the flat function of
   * a function with a record result returns, and the tangent it returns with it.
   */
  record RecordValue(RecordShape shape, List<Expr> leaves) implements Expr {
    @Override
    public Type type() {
      return Type.OBJECT;
    }
  }

  /** {@code Dual.of(value, tangent)}: what a custom JVP rule returns. */
  record Pair(Expr value, Expr tangent, Type type) implements Expr {}

  /** The binary operators on primal values. */
  enum BinaryOp {
    ADD("+", 11),
    SUB("-", 11),
    MUL("*", 12),
    DIV("/", 12),
    REM("%", 12),
    LT("<", 9),
    LE("<=", 9),
    GT(">", 9),
    GE(">=", 9),
    EQ("==", 8),
    NE("!=", 8),
    AND("&&", 4),
    OR("||", 3);

    public final String symbol;
    public final int precedence;

    BinaryOp(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }
  }

  /** The unary operators on primal values. */
  enum UnaryOp {
    NEG("-"),
    NOT("!");

    public final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }
  }
}

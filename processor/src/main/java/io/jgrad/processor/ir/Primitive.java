package io.jgrad.processor.ir;

import java.util.Arrays;
import java.util.Optional;

/**
 * The differentiable primitives: arithmetic and the {@code java.lang.Math} functions that
 * {@link Expr.Prim} applies. Their derivative rules are a table of their own, in {@code rules}
 * ({@code PrimitiveRules}), as JAX keeps {@code primitive_jvps} beside its primitives.
 */
public enum Primitive {
  ADD("+", 2),
  SUB("-", 2),
  MUL("*", 2),
  DIV("/", 2),
  NEG("-", 1),
  SIN("sin", 1),
  COS("cos", 1),
  TAN("tan", 1),
  ASIN("asin", 1),
  ACOS("acos", 1),
  ATAN("atan", 1),
  ATAN2("atan2", 2),
  SINH("sinh", 1),
  COSH("cosh", 1),
  TANH("tanh", 1),
  EXP("exp", 1),
  EXPM1("expm1", 1),
  LOG("log", 1),
  LOG1P("log1p", 1),
  LOG10("log10", 1),
  SQRT("sqrt", 1),
  CBRT("cbrt", 1),
  POW("pow", 2),
  HYPOT("hypot", 2),
  ABS("abs", 1),
  MAX("max", 2),
  MIN("min", 2),
  FLOOR("floor", 1),
  CEIL("ceil", 1),
  RINT("rint", 1);

  private final String javaName;
  private final int arity;

  Primitive(String javaName, int arity) {
    this.javaName = javaName;
    this.arity = arity;
  }

  /** The operator symbol, or the method name in {@code java.lang.Math}. */
  public String javaName() {
    return javaName;
  }

  /** The number of arguments. */
  public int arity() {
    return arity;
  }

  /** Whether this is an infix or prefix operator rather than a {@code Math} method. */
  public boolean isOperator() {
    return ordinal() <= NEG.ordinal();
  }

  /**
   * Whether computing it costs more than storing its result: a transcendental function or a root,
   * which reverse mode keeps rather than computes again.
   */
  public boolean isCostly() {
    return !isOperator() && this != ABS && this != MAX && this != MIN && this != FLOOR && this != CEIL
        && this != RINT;
  }

  /** The {@code Math} function of this name taking {@code arity} arguments, if it is in the table. */
  public static Optional<Primitive> forMathMethod(String name, int arity) {
    return Arrays.stream(values())
        .filter(p -> !p.isOperator() && p.javaName.equals(name) && p.arity == arity)
        .findFirst();
  }
}

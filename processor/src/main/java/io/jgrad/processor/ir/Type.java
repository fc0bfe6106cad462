package io.jgrad.processor.ir;

/** The value types the IR knows: the differentiable scalars and arrays, and the primal-only rest. */
public enum Type {
  DOUBLE("double"),
  FLOAT("float"),
  INT("int"),
  LONG("long"),
  BOOLEAN("boolean"),
  DOUBLE_ARRAY("double[]"),
  FLOAT_ARRAY("float[]"),
  INT_ARRAY("int[]"),
  /**
   * Any other reference value (a String, an enum, a functional interface such as
   * {@code DoubleUnaryOperator}): carried, never differentiated.
   */
  OBJECT("Object"),
  /** A {@code DiffFn1} function object: not differentiated itself, but calls through it are. */
  FN1("io.jgrad.runtime.DiffFn1"),
  /** A {@code DiffFn2} function object: not differentiated itself, but calls through it are. */
  FN2("io.jgrad.runtime.DiffFn2"),
  /** A {@code DiffFnN} function object (a vector of doubles): calls through it are differentiated. */
  FN_N("io.jgrad.runtime.DiffFnN");

  private final String javaName;

  Type(String javaName) {
    this.javaName = javaName;
  }

  /** The Java spelling of the type. */
  public String javaName() {
    return javaName;
  }

  /** Whether values of this type have tangents. */
  public boolean isDifferentiable() {
    return isScalar() || this == DOUBLE_ARRAY || this == FLOAT_ARRAY;
  }

  /** Whether this is a differentiable scalar (double or float). */
  public boolean isScalar() {
    return this == DOUBLE || this == FLOAT;
  }

  /** Whether this is a jgrad function object ({@code DiffFn1}, {@code DiffFn2}, {@code DiffFnN}). */
  public boolean isFunctionObject() {
    return this == FN1 || this == FN2 || this == FN_N;
  }

  /** Whether this is an array type. */
  public boolean isArray() {
    return this == DOUBLE_ARRAY || this == FLOAT_ARRAY || this == INT_ARRAY;
  }

  /** The element type of an array type. */
  public Type element() {
    return switch (this) {
      case DOUBLE_ARRAY -> DOUBLE;
      case FLOAT_ARRAY -> FLOAT;
      case INT_ARRAY -> INT;
      default -> throw new IllegalStateException("not an array: " + this);
    };
  }
}

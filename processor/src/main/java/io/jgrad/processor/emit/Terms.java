package io.jgrad.processor.emit;

import io.jgrad.processor.ir.Type;

/** Prints zeros of the differentiable types and the conversions between float and double. */
final class Terms {
  private Terms() {}

  /** {@code value} converted to {@code target} when Java would not widen it implicitly. */
  static String convert(String value, Type valueType, Type target) {
    return target == Type.FLOAT && valueType == Type.DOUBLE ? "(float) " + value : value;
  }

  /** The zero of type {@code t}: for an array, a new array of the length of {@code like}. */
  static String zeroLike(Type t, String like) {
    return t.isArray() ? "new " + t.element().javaName() + "[" + like + ".length]" : zero(t);
  }

  /** The literal one of a scalar type. */
  static String one(Type t) {
    return t == Type.FLOAT ? "1.0f" : "1.0";
  }

  /** The literal zero of a scalar type. */
  static String zero(Type t) {
    return t == Type.FLOAT ? "0.0f" : "0.0";
  }
}

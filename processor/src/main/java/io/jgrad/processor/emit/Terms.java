package io.jgrad.processor.emit;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Type;
import java.util.List;

/** Prints linear combinations of tangents and the conversions between float and double around them. */
final class Terms {
  private Terms() {}

  /** The type of {@code factor (op) source}. */
  static Type type(Linear.Term t, Type sourceType) {
    return t.factor() == null ? sourceType : Exprs.promote(t.factor().type(), sourceType);
  }

  /** {@code factor * source}, {@code source / factor} or {@code source}, without the sign. */
  static String product(Linear.Term t, String source) {
    if (t.factor() == null) {
      return source;
    }
    if (t.divide()) {
      return source + " / " + ExprWriter.write(t.factor(), 13);
    }
    return ExprWriter.write(t.factor(), 12) + " * " + source;
  }

  /** The sum of the terms with their signs; {@code sources} are the printed tangents. */
  static String sum(List<Linear.Term> terms, List<String> sources) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < terms.size(); i++) {
      Linear.Term t = terms.get(i);
      String p = product(t, sources.get(i));
      if (i == 0) {
        s.append(t.negate() ? (p.startsWith("-") ? "-(" + p + ")" : "-" + p) : p);
      } else {
        s.append(t.negate() ? " - " : " + ").append(p);
      }
    }
    return s.toString();
  }

  /** {@code value} converted to {@code target} when Java would not widen it implicitly. */
  static String convert(String value, Type valueType, Type target, boolean compound) {
    if (target == Type.FLOAT && valueType == Type.DOUBLE) {
      return "(float) " + (compound ? "(" + value + ")" : value);
    }
    return value;
  }

  /** The zero of type {@code t}: for an array, a new array of the length of {@code like}. */
  static String zeroLike(Type t, String like) {
    return t.isArray() ? "new " + t.element().javaName() + "[" + like + ".length]" : zero(t);
  }

  /** The literal zero of a scalar type. */
  static String zero(Type t) {
    return t == Type.FLOAT ? "0.0f" : "0.0";
  }

  /** The printed tangent or cotangent a term reads: {@code xDot} or {@code xDot[i]}. */
  static String source(Expr.Var v, Expr index) {
    return index == null ? v.name() : v.name() + "[" + ExprWriter.write(index) + "]";
  }
}

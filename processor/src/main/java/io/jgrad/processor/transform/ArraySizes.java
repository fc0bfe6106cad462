package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Type;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The size of a local array in a kernel lane, where it is known at compile time: OpenCL gives a lane
 * private arrays of a fixed size only. A size is an int literal, a {@code static final int} constant,
 * the length of a local array of known size, or {@code + - * / %} of those.
 */
final class ArraySizes {
  private ArraySizes() {}

  /**
   * The value of {@code length}, or null where only the run knows it; {@code staticValues} gives a
   * constant field's value by owner and name, {@code known} the sizes of the lane's arrays by name.
   */
  static Integer of(Expr length, BiFunction<String, String, Object> staticValues, Map<String, Integer> known) {
    if (length instanceof Expr.Const c && c.type() == Type.INT && c.value() instanceof Number n) {
      return n.intValue();
    }
    if (length instanceof Expr.StaticField f && !f.mutable() && f.type() == Type.INT && staticValues != null
        && staticValues.apply(f.owner(), f.name()) instanceof Integer value) {
      return value;
    }
    if (length instanceof Expr.ArrayLength l && l.array() instanceof Expr.Var v) {
      return known.get(v.name());
    }
    if (length instanceof Expr.Binary b && b.type() == Type.INT) {
      Integer left = of(b.left(), staticValues, known);
      Integer right = of(b.right(), staticValues, known);
      if (left == null || right == null) {
        return null;
      }
      return switch (b.op()) {
        case ADD -> left + right;
        case SUB -> left - right;
        case MUL -> left * right;
        case DIV -> right == 0 ? null : left / right;
        case REM -> right == 0 ? null : left % right;
        default -> null;
      };
    }
    return null;
  }
}

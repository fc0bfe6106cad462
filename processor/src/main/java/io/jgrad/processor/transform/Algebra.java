package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Type;
import java.util.List;

/**
 * The algebra cotangent arithmetic is simplified with: zeros and unit factors dropped, signs moved
 * out of products, literals folded, and a term added to itself doubled. Symbolic zeros as in JAX:
 * {@code 0·x} is zero even where {@code x} is not finite.
 */
final class Algebra {
  private Algebra() {}

  /** {@code e} with every double sum, difference, product, quotient and negation simplified, bottom up. */
  static Expr simplify(Expr e) {
    return Rewrite.expr(e, n -> n instanceof Expr.Prim p && p.type() == Type.DOUBLE && !p.strict() ? node(p) : n);
  }

  private static Expr node(Expr.Prim p) {
    List<Expr> a = p.args();
    return switch (p.primitive()) {
      case ADD -> plus(a.get(0), a.get(1));
      case SUB -> minus(a.get(0), a.get(1));
      case MUL -> times(a.get(0), a.get(1));
      case DIV -> Exprs.isZero(a.get(0)) ? a.get(0) : negated(a.get(0)) != null
          ? neg(Exprs.div(negated(a.get(0)), a.get(1))) : p;
      case NEG -> neg(a.get(0));
      default -> p;
    };
  }

  /** {@code a + b}. */
  static Expr plus(Expr a, Expr b) {
    return sum(a, b, false);
  }

  /** {@code a - b}. */
  static Expr minus(Expr a, Expr b) {
    return sum(a, b, true);
  }

  /** {@code a + b}, or {@code a - b} where {@code subtract}. */
  private static Expr sum(Expr a, Expr b, boolean subtract) {
    if (Exprs.isZero(a) && !subtract) {
      return widened(b);
    }
    if (Exprs.isZero(b)) {
      return widened(a);
    }
    if (Exprs.isZero(a)) {
      return neg(b);
    }
    if (negated(b) != null) {
      return sum(a, negated(b), !subtract);
    }
    if (a.equals(b) && !subtract) {
      return times(Exprs.lit(Type.DOUBLE, 2), a);
    }
    // (x + b) + b, (x - b) - b: the repeated term doubled in place.
    if (a instanceof Expr.Prim p && p.primitive() == (subtract ? Primitive.SUB : Primitive.ADD)
        && p.args().get(1).equals(b)) {
      Expr twice = times(Exprs.lit(Type.DOUBLE, 2), b);
      return subtract ? Exprs.sub(p.args().get(0), twice) : Exprs.add(p.args().get(0), twice);
    }
    return subtract ? Exprs.sub(a, b) : Exprs.add(a, b);
  }

  /** Whether the first term of the sum {@code e} is negated: {@code -x - y} reads better as {@code -(x + y)}. */
  static boolean leadsWithMinus(Expr e) {
    return negated(e) != null || e instanceof Expr.Prim p
        && (p.primitive() == Primitive.ADD || p.primitive() == Primitive.SUB) && leadsWithMinus(p.args().get(0));
  }

  /** {@code a·b}, a sign of either moved out. */
  static Expr times(Expr a, Expr b) {
    if (Exprs.isZero(a) || Exprs.isZero(b)) {
      return Exprs.lit(Type.DOUBLE, 0);
    }
    if (negated(a) != null) {
      return neg(times(negated(a), b));
    }
    if (negated(b) != null) {
      return neg(times(a, negated(b)));
    }
    return widened(Exprs.mul(a, b));
  }

  /** {@code -a}. */
  static Expr neg(Expr a) {
    Double c = Exprs.constValue(a);
    if (c != null) {
      return Exprs.lit(Type.DOUBLE, -c);
    }
    if (negated(a) != null) {
      return widened(negated(a));
    }
    if (a instanceof Expr.Prim p && leadsWithMinus(a)) {
      // -(-x - y) = x + y, -(-x + y) = x - y
      Expr first = neg(p.args().get(0));
      return p.primitive() == Primitive.SUB ? plus(first, p.args().get(1)) : minus(first, p.args().get(1));
    }
    return new Expr.Prim(Primitive.NEG, List.of(widened(a)), Type.DOUBLE, false);
  }

  /** {@code x} where {@code e} is {@code -x}, else null. */
  private static Expr negated(Expr e) {
    return e instanceof Expr.Prim p && p.primitive() == Primitive.NEG ? p.args().get(0) : null;
  }

  /** {@code e} as a double: a literal of another type rewritten, a float or int value kept (Java widens it). */
  private static Expr widened(Expr e) {
    Double c = Exprs.constValue(e);
    return c != null && e.type() != Type.DOUBLE ? Exprs.lit(Type.DOUBLE, c) : e;
  }
}

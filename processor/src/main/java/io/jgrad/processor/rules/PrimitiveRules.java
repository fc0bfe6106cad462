package io.jgrad.processor.rules;

import static io.jgrad.processor.ir.Exprs.add;
import static io.jgrad.processor.ir.Exprs.compare;
import static io.jgrad.processor.ir.Exprs.cond;
import static io.jgrad.processor.ir.Exprs.constValue;
import static io.jgrad.processor.ir.Exprs.div;
import static io.jgrad.processor.ir.Exprs.lit;
import static io.jgrad.processor.ir.Exprs.math;
import static io.jgrad.processor.ir.Exprs.mul;
import static io.jgrad.processor.ir.Exprs.sub;
import static io.jgrad.processor.ir.Primitive.COS;
import static io.jgrad.processor.ir.Primitive.COSH;
import static io.jgrad.processor.ir.Primitive.LOG;
import static io.jgrad.processor.ir.Primitive.POW;
import static io.jgrad.processor.ir.Primitive.SIN;
import static io.jgrad.processor.ir.Primitive.SINH;
import static io.jgrad.processor.ir.Primitive.SQRT;

import io.jgrad.processor.ir.Expr.BinaryOp;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.Type;
import java.util.List;

/**
 * THE table of the primitives' derivative rules: every {@link Primitive}'s forward-mode rule is one
 * line of {@link #partials}; reverse mode needs nothing more, because it transposes the linear maps
 * these partials build (JAX's {@code ad.defjvp}).
 *
 * <p>Conventions at kinks and poles, chosen as JAX does: {@code abs'(0) = 0}; {@code max} and
 * {@code min} split a tie 0.5 / 0.5; {@code floor}, {@code ceil}, {@code rint} have derivative 0;
 * {@code pow(x, y)} has {@code ∂/∂x = 0} where {@code y == 0} and {@code ∂/∂y = 0} where {@code x == 0};
 * {@code hypot} has derivative 0 at the origin. Poles follow IEEE arithmetic ({@code sqrt'(0) = ∞}).
 *
 * <p>At NaN: a rule that reads its arguments gives NaN, also where its selector (a sign, a comparison,
 * a zero guard) would otherwise pick a constant, since NaN compares false to everything; the extra
 * test comes last, so ordinary points pay nothing for it. Rules that read no argument stay
 * constant: {@code floor}, {@code ceil}, {@code rint} have derivative 0 and {@code pow}'s
 * {@code ∂/∂x} is 0 where {@code y == 0} and 1 where {@code y == 1} (as {@code x⁰}, {@code x¹}; JAX
 * gives the same).
 */
public final class PrimitiveRules {
  private static final double LN_10 = Math.log(10.0);

  private PrimitiveRules() {}

  /**
   * The partial derivatives, one per argument ({@code null} where it is zero), for arguments
   * {@code a = args[0]}, {@code b = args[1]} and result {@code y}. Arguments are atoms (locals or
   * literals), so repeating them in a rule costs nothing.
   */
  public static List<Partial> partials(Primitive p, List<Expr> args, Expr y) {
    Expr a = args.get(0);
    Expr b = args.size() > 1 ? args.get(1) : null;
    Type t = y.type();
    return switch (p) {
      // linear: ẏ = ȧ + ḃ
      case ADD -> List.of(Partial.ONE, Partial.ONE);
      // linear: ẏ = ȧ - ḃ
      case SUB -> List.of(Partial.ONE, Partial.MINUS_ONE);
      // linear: ẏ = -ȧ
      case NEG -> List.of(Partial.MINUS_ONE);
      // bilinear: y = a·b / ẏ = b·ȧ + a·ḃ
      case MUL -> List.of(Partial.times(b), Partial.times(a));
      // y = a / b / ẏ = ȧ / b - (y / b)·ḃ
      case DIV -> List.of(Partial.over(b), Partial.minusTimes(div(y, b)));
      // y = sin a / ẏ = cos a · ȧ
      case SIN -> List.of(Partial.times(math(COS, t, a)));
      // y = cos a / ẏ = -sin a · ȧ
      case COS -> List.of(Partial.minusTimes(math(SIN, t, a)));
      // y = tan a / ẏ = (1 + y²) · ȧ
      case TAN -> List.of(Partial.times(add(lit(t, 1), mul(y, y))));
      // y = asin a / ẏ = ȧ / √(1 - a²)
      case ASIN -> List.of(Partial.over(math(SQRT, t, sub(lit(t, 1), mul(a, a)))));
      // y = acos a / ẏ = -ȧ / √(1 - a²)
      case ACOS -> List.of(Partial.minusOver(math(SQRT, t, sub(lit(t, 1), mul(a, a)))));
      // y = atan a / ẏ = ȧ / (1 + a²)
      case ATAN -> List.of(Partial.over(add(lit(t, 1), mul(a, a))));
      // y = atan2(a, b) / ẏ = (b·ȧ - a·ḃ) / (a² + b²)
      case ATAN2 -> List.of(Partial.times(div(b, add(mul(a, a), mul(b, b)))),
          Partial.minusTimes(div(a, add(mul(a, a), mul(b, b)))));
      // y = sinh a / ẏ = cosh a · ȧ
      case SINH -> List.of(Partial.times(math(COSH, t, a)));
      // y = cosh a / ẏ = sinh a · ȧ
      case COSH -> List.of(Partial.times(math(SINH, t, a)));
      // y = tanh a / ẏ = (1 - y²) · ȧ
      case TANH -> List.of(Partial.times(sub(lit(t, 1), mul(y, y))));
      // y = exp a / ẏ = y · ȧ
      case EXP -> List.of(Partial.times(y));
      // y = expm1 a / ẏ = (y + 1) · ȧ
      case EXPM1 -> List.of(Partial.times(add(y, lit(t, 1))));
      // y = log a / ẏ = ȧ / a
      case LOG -> List.of(Partial.over(a));
      // y = log1p a / ẏ = ȧ / (1 + a)
      case LOG1P -> List.of(Partial.over(add(lit(t, 1), a)));
      // y = log10 a / ẏ = ȧ / (a · ln 10)
      case LOG10 -> List.of(Partial.over(mul(a, lit(t, LN_10))));
      // y = √a / ẏ = ȧ / (2y)
      case SQRT -> List.of(Partial.over(mul(lit(t, 2), y)));
      // y = ∛a / ẏ = ȧ / (3y²)
      case CBRT -> List.of(Partial.over(mul(lit(t, 3), mul(y, y))));
      // y = aᵇ / ẏ = b·aᵇ⁻¹ · ȧ + y·log a · ḃ   (0 where b == 0, resp. where a == 0 and b is not NaN)
      case POW -> List.of(
          Partial.times(zeroWhere(b, null, mul(b, math(POW, t, a, sub(b, lit(b.type(), 1)))))),
          Partial.times(zeroWhere(a, b, mul(y, math(LOG, t, a)))));
      // y = hypot(a, b) / ẏ = (a·ȧ + b·ḃ) / y   (0 at the origin)
      case HYPOT -> List.of(Partial.times(zeroWhere(y, null, div(a, y))), Partial.times(zeroWhere(y, null, div(b, y))));
      // y = |a| / ẏ = sign(a) · ȧ   (abs'(0) = 0, NaN at NaN)
      case ABS -> List.of(Partial.times(cond(compare(BinaryOp.GT, a, lit(a.type(), 0)), lit(t, 1),
          cond(compare(BinaryOp.LT, a, lit(a.type(), 0)), lit(t, -1),
              cond(compare(BinaryOp.EQ, a, lit(a.type(), 0)), lit(t, 0), lit(t, Double.NaN))))));
      // y = max(a, b) / ẏ = [a > b]·ȧ + [b > a]·ḃ   (a tie splits 0.5 / 0.5, NaN if either is NaN)
      case MAX -> List.of(Partial.times(select(BinaryOp.GT, a, b, t)), Partial.times(select(BinaryOp.GT, b, a, t)));
      // y = min(a, b) / ẏ = [a < b]·ȧ + [b < a]·ḃ   (a tie splits 0.5 / 0.5, NaN if either is NaN)
      case MIN -> List.of(Partial.times(select(BinaryOp.LT, a, b, t)), Partial.times(select(BinaryOp.LT, b, a, t)));
      // zero: piecewise constant, ẏ = 0
      case FLOOR, CEIL, RINT -> java.util.Collections.singletonList(null);
    };
  }

  /**
   * {@code value} unless {@code guard == 0}, then 0 — but {@code value} again where {@code nan} (when
   * given) is NaN, written {@code nan == nan} so that kernels can run it; {@code value} is then NaN.
   * Literal operands are decided here.
   */
  private static Expr zeroWhere(Expr guard, Expr nan, Expr value) {
    Double c = constValue(guard);
    if (c != null && c != 0.0) {
      return value;
    }
    Expr isZero = c != null ? null : compare(BinaryOp.EQ, guard, lit(guard.type(), 0));
    Expr notNaN = nan == null || constValue(nan) != null ? null : compare(BinaryOp.EQ, nan, nan);
    if (isZero == null && notNaN == null) {
      return lit(value.type(), 0);
    }
    Expr test = isZero == null ? notNaN : notNaN == null ? isZero : compare(BinaryOp.AND, isZero, notNaN);
    return cond(test, lit(value.type(), 0), value);
  }

  /** 1 where {@code a op b}, 0 where {@code b op a}, 0.5 where {@code a == b}, else (a NaN) NaN. */
  private static Expr select(BinaryOp op, Expr a, Expr b, Type t) {
    return cond(compare(op, a, b), lit(t, 1), cond(compare(op, b, a), lit(t, 0),
        cond(compare(BinaryOp.EQ, a, b), lit(t, 0.5), lit(t, Double.NaN))));
  }
}

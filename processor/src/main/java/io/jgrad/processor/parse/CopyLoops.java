package io.jgrad.processor.parse;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code System.arraycopy}, {@code Arrays.fill}, {@code clone()} and {@code Arrays.copyOf} as the
 * element loops they stand for, so that every mode differentiates them as it differentiates a loop
 * the user writes: no copy rule lives in six places. Operands are evaluated once, in the order the
 * call evaluates them, as the call would.
 */
final class CopyLoops {
  private final ReadContext cx;

  /** Loops whose fresh locals are named in {@code cx}. */
  CopyLoops(ReadContext cx) {
    this.cx = cx;
  }

  /**
   * {@code System.arraycopy(src, srcPos, dst, dstPos, length)}. When {@code src} may be {@code dst}
   * (the same local), the loop runs backwards where {@code srcPos < dstPos}: arraycopy copies as if
   * through a temporary array, so an overlapping shift must not read what it has just written.
   */
  Stmt arraycopy(Expr src, Expr srcPos, Expr.Var dst, Expr dstPos, Expr length, boolean sameArray) {
    List<Stmt> out = new ArrayList<>();
    Expr from = once(srcPos, "srcPos", out);
    Expr to = once(dstPos, "dstPos", out);
    Expr count = once(length, "length", out);
    Double a = Exprs.constValue(from);
    Double b = Exprs.constValue(to);
    if (sameArray && a != null && b != null) {
      // Positions known at compile time: only the loop that runs is written.
      out.addAll(copyLoop(src, from, dst, to, count, a < b));
    } else if (sameArray) {
      Expr shiftsRight = Exprs.compare(Expr.BinaryOp.LT, from, to);
      out.add(new Stmt.If(shiftsRight, copyLoop(src, from, dst, to, count, true),
          copyLoop(src, from, dst, to, count, false)));
    } else {
      out.addAll(copyLoop(src, from, dst, to, count, false));
    }
    return new Stmt.Block(out);
  }

  /**
   * {@code Arrays.fill(dst, from, to, value)}, {@code value} of {@code dst}'s element type;
   * {@code from} and {@code to} null for the whole array.
   */
  Stmt fill(Expr.Var dst, Expr from, Expr to, Expr value) {
    List<Stmt> out = new ArrayList<>();
    Expr start = from == null ? zero() : once(from, "fromIndex", out);
    Expr end = to == null ? new Expr.ArrayLength(dst) : once(to, "toIndex", out);
    Expr v = once(value, "value", out);
    out.addAll(countedLoop(start, end, i -> new Stmt.ArrayWrite(dst, i, v)));
    return new Stmt.Block(out);
  }

  /** {@code T[] dst = src.clone();}: a new array as long as {@code src}, and the copy. */
  List<Stmt> cloneOf(Expr.Var dst, Expr src) {
    return List.of(new Stmt.Assign(dst, new Expr.NewArray(dst.type(), new Expr.ArrayLength(src)), true),
        new Stmt.Block(copyLoop(src, zero(), dst, zero(), new Expr.ArrayLength(src), false)));
  }

  /**
   * {@code double[] dst = new double[src.length]; dst[i] = factor * src[i]}: the array
   * {@code fVjp(w).pullback(factor)} of a function of an array gives, {@code src} its gradient.
   */
  List<Stmt> scaledCopy(Expr.Var dst, Expr.Var src, Expr factor) {
    List<Stmt> out = new ArrayList<>();
    Expr k = once(factor, "cotangent", out);
    out.add(new Stmt.Assign(dst, new Expr.NewArray(dst.type(), new Expr.ArrayLength(src)), true));
    // A float[] gradient (a function of a float[]) is scaled in double and narrowed, as its fVjp does.
    out.add(new Stmt.Block(countedLoop(zero(), new Expr.ArrayLength(src), i -> new Stmt.ArrayWrite(dst, i,
        ReadContext.coerce(Exprs.prim(Primitive.MUL, k, ReadContext.widen(new Expr.ArrayRead(src, i,
            src.type().element()), Type.DOUBLE)), dst.type().element())))));
    return out;
  }

  /**
   * {@code T[] dst = Arrays.copyOf(src, length);}: what {@code src} has, the rest zero (and
   * {@code Arrays.copyOfRange(src, from, to)}, with {@code from} not null and {@code to} last).
   */
  List<Stmt> copyOf(Expr.Var dst, Expr src, Expr from, Expr lengthOrTo) {
    List<Stmt> out = new ArrayList<>();
    Expr start = from == null ? zero() : once(from, "from", out);
    Expr size = from == null ? lengthOrTo : minus(lengthOrTo, start);
    out.add(new Stmt.Assign(dst, new Expr.NewArray(dst.type(), size), true));
    List<Stmt> copy = new ArrayList<>();
    Expr available = from == null ? new Expr.ArrayLength(src) : minus(new Expr.ArrayLength(src), start);
    Expr count = once(Exprs.minInt(new Expr.ArrayLength(dst), available), "length", copy);
    copy.addAll(copyLoop(src, start, dst, zero(), count, false));
    out.add(new Stmt.Block(copy));
    return out;
  }

  /**
   * {@code int i = 0; while (i < count) { dst[to + i] = src[from + i]; i = i + 1; }}, or backwards
   * from {@code count - 1}; {@code src} and {@code dst} have one element type, as arraycopy requires.
   */
  private List<Stmt> copyLoop(Expr src, Expr from, Expr.Var dst, Expr to, Expr count, boolean backwards) {
    java.util.function.Function<Expr, Stmt> write = i -> new Stmt.ArrayWrite(dst, plus(to, i),
        new Expr.ArrayRead(src, plus(from, i), src.type().element()));
    if (!backwards) {
      return countedLoop(zero(), count, write);
    }
    Expr.Var i = new Expr.Var(cx.fresh("i"), Type.INT);
    Expr one = Exprs.lit(Type.INT, 1);
    return List.of(new Stmt.Assign(i, minus(count, one), true),
        new Stmt.While(Exprs.compare(Expr.BinaryOp.GE, i, zero()),
            List.of(write.apply(i), new Stmt.Assign(i, minus(i, one), false))));
  }

  /** {@code int i = start; while (i < end) { body(i); i = i + 1; }}. */
  private List<Stmt> countedLoop(Expr start, Expr end, java.util.function.Function<Expr, Stmt> body) {
    Expr.Var i = new Expr.Var(cx.fresh("i"), Type.INT);
    return List.of(new Stmt.Assign(i, start, true),
        new Stmt.While(Exprs.compare(Expr.BinaryOp.LT, i, end),
            List.of(body.apply(i), new Stmt.Assign(i, plus(i, Exprs.lit(Type.INT, 1)), false))));
  }

  /** {@code e} itself when reading it again reads the same value; otherwise a local holding it. */
  private Expr once(Expr e, String name, List<Stmt> out) {
    if (e instanceof Expr.Const || e instanceof Expr.Var
        || (e instanceof Expr.ArrayLength l && l.array() instanceof Expr.Var)) {
      return e;
    }
    Expr.Var v = new Expr.Var(cx.fresh(name), e.type());
    out.add(new Stmt.Assign(v, e, true));
    return v;
  }

  private static Expr zero() {
    return Exprs.lit(Type.INT, 0);
  }

  private static Expr plus(Expr a, Expr b) {
    if (Exprs.constValue(a) != null && Exprs.constValue(a) == 0) {
      return b;
    }
    if (Exprs.constValue(b) != null && Exprs.constValue(b) == 0) {
      return a;
    }
    return new Expr.Binary(Expr.BinaryOp.ADD, a, b, Type.INT);
  }

  private static Expr minus(Expr a, Expr b) {
    return new Expr.Binary(Expr.BinaryOp.SUB, a, b, Type.INT);
  }
}

package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Primitive;
import java.util.List;

/**
 * Rewrites {@code -(-a)} to {@code a}, {@code a - (-b)} to {@code a + b} and {@code a + (-b)} to
 * {@code a - b} in kernels: Aparapi prints two negations as {@code --a}, which OpenCL C reads as a
 * pre-decrement (found by the fuzzer: {@code if (-(-v0) > x)} decremented {@code v0}). Each rewrite
 * is exact in IEEE arithmetic.
 */
final class NoDoubleMinus {
  private NoDoubleMinus() {}

  /** {@code e} rewritten at its root, or {@code e} itself when nothing applies. */
  static Expr of(Expr e) {
    Expr negated = negatedOperand(e);
    if (negated != null) {
      Expr inner = negatedOperand(negated);
      if (inner != null) {
        return inner;
      }
    }
    if (e instanceof Expr.Prim p && (p.primitive() == Primitive.SUB || p.primitive() == Primitive.ADD)) {
      Expr right = negatedOperand(p.args().get(1));
      if (right != null) {
        Primitive flipped = p.primitive() == Primitive.SUB ? Primitive.ADD : Primitive.SUB;
        return new Expr.Prim(flipped, List.of(p.args().get(0), right), p.type(), p.strict());
      }
    }
    if (e instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.SUB || b.op() == Expr.BinaryOp.ADD)) {
      Expr right = negatedOperand(b.right());
      if (right != null) {
        Expr.BinaryOp flipped = b.op() == Expr.BinaryOp.SUB ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB;
        return new Expr.Binary(flipped, b.left(), right, b.type());
      }
    }
    return e;
  }

  /** {@code a} when {@code e} is {@code -a}, else null. */
  private static Expr negatedOperand(Expr e) {
    if (e instanceof Expr.Prim p && p.primitive() == Primitive.NEG) {
      return p.args().get(0);
    }
    if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
      return u.operand();
    }
    return null;
  }
}

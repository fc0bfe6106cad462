package io.jgrad.processor.ir;

import java.util.List;

/**
 * The output of the JVP transform: the primal program interleaved with its tangent program, whose
 * statements are linear in the tangents with coefficients computed from primal values. Forward
 * mode prints it as it is; reverse mode keeps the primal part and transposes the linear part.
 */
public sealed interface Linear {
  /** A statement of the primal program, unchanged. */
  record Primal(Stmt stmt) implements Linear {}

  /**
   * {@code target = Σ terms} (zero when empty): the tangent of {@code primal} after its assignment.
   * {@code declare} says whether this declares the tangent local.
   */
  record Tangent(Expr.Var target, Expr.Var primal, List<Term> terms, boolean declare) implements Linear {
    /** The sum of the terms as an expression of the target's type: what forward mode assigns. */
    public Expr value() {
      Expr total = null;
      for (Term term : terms) {
        Expr source = term.index() == null ? term.source()
            : new Expr.ArrayRead(term.source(), term.index(), term.source().type().element());
        Expr value = term.factor() == null ? source
            : term.divide() ? Exprs.prim(Primitive.DIV, source, term.factor())
            : Exprs.prim(Primitive.MUL, term.factor(), source);
        if (total == null) {
          total = term.negate() ? new Expr.Prim(Primitive.NEG, List.of(value), value.type(), false) : value;
        } else {
          total = Exprs.prim(term.negate() ? Primitive.SUB : Primitive.ADD, total, value);
        }
      }
      return total == null ? Exprs.lit(target.type(), 0)
          : total.type() == target.type() ? total : new Expr.Cast(target.type(), total);
    }
  }

  /** {@code target = new double[length]}: the tangent of a local array, zero when created. */
  record TangentArray(Expr.Var target, Expr length) implements Linear {}

  /**
   * {@code target[index] = source} (zero when {@code source} is null): the tangent of a write into a
   * local array; its transpose moves the element's cotangent into {@code source}'s and clears it.
   */
  record TangentWrite(Expr.Var target, Expr index, Expr.Var source) implements Linear {}

  /** A tangent local declared without a value (its primal was declared so). */
  record DeclareTangent(Expr.Var target) implements Linear {}

  /**
   * {@code result = callee(args)} with tangent {@code resultDot}, or, for a record result, one result
   * and one tangent per leaf (a tangent null where the leaf has none): forward mode calls the callee's
   * JVP with {@code argTangents} (null where zero); reverse mode saves its pullback.
   */
  record Call(List<Expr.Var> results, List<Expr.Var> resultDots, boolean declare, Callee callee, List<Expr> args,
      List<Expr.Var> argTangents) implements Linear {
    /** The result of a callee with one. */
    public Expr.Var result() {
      return results.get(0);
    }

    /** The tangent of a callee's one result. */
    public Expr.Var resultDot() {
      return resultDots.get(0);
    }
  }

  /** {@code if (condition)} over linear statements. */
  record If(Expr condition, List<Linear> thenBody, List<Linear> elseBody) implements Linear {}

  /** {@code while (condition)} over linear statements. */
  record While(Expr condition, List<Linear> body) implements Linear {}

  /** A scope. */
  record Block(List<Linear> body) implements Linear {}

  /** The end: the value and its tangent (null where zero). */
  record Return(Expr value, Expr.Var tangent) implements Linear {}

  /**
   * The end of a flat function with a record result: the record of its leaves and each leaf's
   * tangent (null where zero or where the leaf has none), all returned at once.
   */
  record RecordReturn(Expr.RecordValue value, List<Expr.Var> tangents) implements Linear {}

  /**
   * One term of a linear combination: {@code ±source}, {@code ±factor·source} or
   * {@code ±source / factor}; {@code index} is non-null when {@code source} is an array tangent read
   * at that index.
   */
  record Term(Expr factor, boolean divide, boolean negate, Expr.Var source, Expr index) {}
}

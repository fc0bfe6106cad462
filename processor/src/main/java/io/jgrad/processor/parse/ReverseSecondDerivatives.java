package io.jgrad.processor.parse;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Hessian entry read in a body ({@code fHessian(p...)[i][j]}, or a component of {@code fHvp}) of a
 * function that reaches a {@code @CustomVjp} rule: reverse over reverse, as its generated
 * {@code fHessian} reads it, through the pullback function of its pullback function
 * ({@code fPullbackXPullbackY(p..., 1, 1)}), whose own reverse mode gives the caller's derivatives
 * (third derivatives of f, reverse three times).
 */
final class ReverseSecondDerivatives {
  private ReverseSecondDerivatives() {}

  /**
   * ∂²f/∂pᵢ∂pⱼ of {@code c} at {@code primals}: the gradient of pullback i along differentiated
   * parameter j.
   */
  static Expr entry(Callee c, List<Expr> primals, int i, int j) {
    Callee first = c.pullbackFunction(c.differentiatedParams().get(i), c.pullbackCotangentName());
    // The pullback function's differentiated parameters are f's, in order, then its cotangent.
    Callee second = first.pullbackFunction(first.differentiatedParams().get(j), first.pullbackCotangentName());
    List<Expr> args = Stream.concat(primals.stream(), Stream.of(Expr.Const.ofDouble(1), Expr.Const.ofDouble(1)))
        .toList();
    return new Expr.Call(second, args, second.returnType());
  }

  /**
   * Component i of {@code c}'s H·v along {@code v} (one per differentiated parameter): Σⱼ H[i][j]·vⱼ,
   * the rows contracted as its generated {@code fHvp} does, with no symmetry assumed.
   */
  static Expr hvpComponent(Callee c, List<Expr> primals, int i, List<Expr> v) {
    Expr sum = null;
    for (int j = 0; j < v.size(); j++) {
      Expr term = Exprs.mul(entry(c, primals, i, j), v.get(j));
      sum = sum == null ? term : Exprs.add(sum, term);
    }
    return sum;
  }
}

// Mistake: an order-2 function calls a callee declared with order 1.
package corpus;
import io.jgrad.annotations.Differentiable;
class OrderTwoCalleeOrderOne {
  @Differentiable
  static double inner(double x) { return Math.exp(x); }

  @Differentiable(order = 2)
  static double outer(double x) { return inner(x) * x; } // ERROR jgrad.UnsupportedOrder
}

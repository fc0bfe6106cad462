// Mistake: a function of order 3 calls one of order 2, whose derivatives stop at the second.
package corpus;
import io.jgrad.annotations.Differentiable;
class OrderThree {
  @Differentiable(order = 2)
  static double g(double x) { return x * x; }
  @Differentiable(order = 3)
  static double f(double x) { return g(x) * Math.sin(x); } // ERROR jgrad.UnsupportedOrder
}

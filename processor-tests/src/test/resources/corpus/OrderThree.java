// Mistake: third derivatives are not offered.
package corpus;
import io.jgrad.annotations.Differentiable;
class OrderThree {
  @Differentiable(order = 3)
  static double f(double x) { return Math.sin(x); } // ERROR jgrad.UnsupportedOrder
}

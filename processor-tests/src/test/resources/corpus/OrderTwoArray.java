// Mistake: second derivatives through a call of a function that returns its array parameter itself
// (its body is taken in as the caller's code, where the array would be held by two locals).
package corpus;
import io.jgrad.annotations.Differentiable;
class OrderTwoArray {
  @Differentiable
  static double[] same(double[] xs) {
    return xs;
  }

  @Differentiable(order = 2)
  static double product(double[] xs) { // ERROR jgrad.UnsupportedOrder
    double[] y = same(xs);
    return y[0] * y[1];
  }
}

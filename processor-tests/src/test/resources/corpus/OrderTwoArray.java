// Mistake: second derivatives of a function of an array are not generated yet.
package corpus;
import io.jgrad.annotations.Differentiable;
class OrderTwoArray {
  @Differentiable(order = 2)
  static double sumSq(double[] xs) { // ERROR jgrad.UnsupportedOrder
    double s = 0;
    for (double v : xs) {
      s += v * v;
    }
    return s;
  }
}

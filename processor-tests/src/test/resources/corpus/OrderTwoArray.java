// Mistake: second derivatives through a call of a function with an array result are not generated yet.
package corpus;
import io.jgrad.annotations.Differentiable;
class OrderTwoArray {
  @Differentiable(order = 2)
  static double[] squares(double[] xs) {
    double[] y = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      y[i] = xs[i] * xs[i];
    }
    return y;
  }

  @Differentiable(order = 2)
  static double product(double[] xs) { // ERROR jgrad.UnsupportedOrder
    double[] y = squares(xs);
    return y[0] * y[1];
  }
}

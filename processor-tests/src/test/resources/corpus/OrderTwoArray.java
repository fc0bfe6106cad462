// Mistake: second derivatives through a custom rule with an array result are not generated yet.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Jvp;
class OrderTwoArray {
  @CustomJvp(jvp = "squaresJvp")
  static double[] squares(double[] xs) {
    double[] y = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      y[i] = xs[i] * xs[i];
    }
    return y;
  }

  static Jvp<double[]> squaresJvp(double[] xs, double[] xsDot) {
    double[] y = squares(xs);
    double[] t = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      t[i] = 2 * xs[i] * xsDot[i];
    }
    return Jvp.of(y, t);
  }

  @Differentiable(order = 2)
  static double product(double[] xs) { // ERROR jgrad.UnsupportedOrder
    double[] y = squares(xs);
    return y[0] * y[1];
  }
}

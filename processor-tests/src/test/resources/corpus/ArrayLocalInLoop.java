// Mistake: a local array declared inside a loop (reverse mode needs it after the loop).
package corpus;
import io.jgrad.annotations.Differentiable;
class ArrayLocalInLoop {
  @Differentiable
  static double f(double x, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double[] t = new double[1]; // ERROR jgrad.UnsupportedStatement
      t[0] = x * i;
      s += t[0];
    }
    return s;
  }
}

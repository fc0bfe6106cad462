// Mistake: a do-while loop.
package corpus;
import io.jgrad.annotations.Differentiable;
class DoWhile {
  @Differentiable
  static double f(double x) {
    double y = x;
    do { // ERROR jgrad.UnsupportedStatement
      y = y * 0.5;
    } while (y > 1);
    return y;
  }
}

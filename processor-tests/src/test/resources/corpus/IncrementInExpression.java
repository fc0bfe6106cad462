// Mistake: i++ used as a value inside an index.
package corpus;
import io.jgrad.annotations.Differentiable;
class IncrementInExpression {
  @Differentiable
  static double f(double[] xs) {
    int i = 0;
    double a = xs[i++]; // ERROR jgrad.UnsupportedExpression
    return a * xs[i];
  }
}

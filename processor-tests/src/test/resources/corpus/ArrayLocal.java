// Mistake: an alias of an array parameter.
package corpus;
import io.jgrad.annotations.Differentiable;
class ArrayLocal {
  @Differentiable
  static double f(double[] xs) {
    double[] ys = xs; // ERROR jgrad.UnsupportedType
    return ys[0] * ys[1];
  }
}

// Mistake: writing into the caller's array through a parameter.
package corpus;
import io.jgrad.annotations.Differentiable;
class ArrayWriteThroughAlias {
  @Differentiable
  static double f(double[] xs) {
    double[] ys = new double[xs.length];
    ys[0] = xs[0];
    xs[1] = ys[0] * 2; // ERROR jgrad.ArrayWrite
    return ys[0] + xs[1];
  }
}

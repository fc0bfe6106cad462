// Mistake: a helper kept for its effect writes into a local array the function then reads.
package corpus;
import io.jgrad.annotations.Differentiable;
class HelperWritesLocalArray {
  static void load(double[] dst, double[] src, double k) {
    for (int i = 0; i < dst.length; i++) {
      dst[i] = k * src[i];
    }
  }

  @Differentiable
  static double f(double[] x) {
    double[] y = new double[x.length];
    load(y, x, 2.0); // ERROR jgrad.ArrayWrite
    return y[0] * x[0];
  }
}

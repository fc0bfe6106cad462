// Mistake: Arrays.fill into the caller's array, which belongs to the caller.
package corpus;
import io.jgrad.annotations.Differentiable;
import java.util.Arrays;
class FillIntoParameter {
  @Differentiable
  static double f(double[] x) {
    Arrays.fill(x, 1.0); // ERROR jgrad.ArrayWrite
    return x[0] * x[1];
  }
}

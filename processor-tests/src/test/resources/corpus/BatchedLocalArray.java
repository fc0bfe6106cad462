// Mistake: a @Batched function that builds a local array of a size known only at run time; a kernel
// lane holds arrays of a compile-time size only.
package corpus;
import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;
class BatchedLocalArray {
  @Batched
  @Differentiable
  static double sumOfPowers(double x, int n) {
    double[] p = new double[n]; // ERROR jgrad.NotBatchable
    p[0] = x;
    for (int i = 1; i < n; i++) {
      p[i] = p[i - 1] * x;
    }
    return p[0] + p[n - 1];
  }
}

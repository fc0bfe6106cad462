// Mistake: a @Batched function that builds a local array of a size only the run knows; a kernel
// lane's private arrays have a size fixed at compile time.
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

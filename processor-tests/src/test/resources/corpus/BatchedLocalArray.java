// Mistake: a @Batched function that builds a local array; a kernel lane cannot allocate one.
package corpus;
import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;
class BatchedLocalArray {
  @Batched
  @Differentiable
  static double sumOfPowers(double x) {
    double[] p = new double[3]; // ERROR jgrad.NotBatchable
    p[0] = x;
    for (int i = 1; i < 3; i++) {
      p[i] = p[i - 1] * x;
    }
    return p[0] + p[1] + p[2];
  }
}

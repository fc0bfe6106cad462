// Mistake: batching a function of an array; a lane takes one scalar per parameter.
package corpus;
import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;
class BatchedArrayParameter {
  @Batched
  @Differentiable
  static double sum(double[] x) { // ERROR jgrad.NotBatchable
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }
}

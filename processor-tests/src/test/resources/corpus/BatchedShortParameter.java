// Mistake: batching a function of a short; kernels take int, long and boolean shared parameters.
package corpus;
import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;
class BatchedShortParameter {
  @Batched
  @Differentiable
  static double scaled(double x, short s) { // ERROR jgrad.NotBatchable
    return x * s;
  }
}

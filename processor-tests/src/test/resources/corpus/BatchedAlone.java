// Mistake: @Batched without @Differentiable, @CustomJvp or @CustomVjp.
package corpus;
import io.jgrad.annotations.Batched;
class BatchedAlone {
  @Batched
  static double f(double x) { // ERROR jgrad.NotBatchable
    return x;
  }
}

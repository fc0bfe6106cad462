// Mistake: a @Batched function that prints; a kernel lane cannot print.
package corpus;
import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;
class BatchedPrints {
  @Batched
  @Differentiable
  static double f(double x) {
    System.out.println("called f!"); // ERROR jgrad.NotBatchable
    return Math.sin(x);
  }
}

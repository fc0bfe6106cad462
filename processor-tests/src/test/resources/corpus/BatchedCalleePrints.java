// Mistake: a @Batched function whose callee prints; the error points at the call that would be inlined.
package corpus;
import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;
class BatchedCalleePrints {
  @Differentiable
  static double g(double x) {
    System.out.println(x);
    return x * x;
  }

  @Batched
  @Differentiable
  static double f(double x) {
    return 1 + g(x); // ERROR jgrad.NotBatchable
  }
}

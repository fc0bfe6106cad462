// Mistake: a @Batched function calling a helper of another class; OpenCL code cannot call out.
package corpus;
import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;
class BatchedCallsHelperOfOtherClass {
  @Batched
  @Differentiable
  static double f(double x, int n) {
    int k = Integer.bitCount(n); // ERROR jgrad.NotBatchable
    return x * k;
  }
}

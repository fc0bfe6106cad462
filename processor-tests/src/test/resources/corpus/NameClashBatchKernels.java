// Mistake: batched functions f and fGrad: the kernel of f's gradient and the kernel of fGrad's
// values would both be FGradBatchKernel, with the same fGradBatch methods.
package corpus;
import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;
class NameClashBatchKernels {
  @Batched
  @Differentiable
  static double f(double x) { // ERROR jgrad.NameClash
    return x * x;
  }

  @Batched
  @Differentiable
  static double fGrad(double x) { // ERROR jgrad.NameClash
    return x * x * x;
  }
}

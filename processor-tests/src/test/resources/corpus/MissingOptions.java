// Mistake: calling generated methods that an option would make: fHessian/fHvp need order = 2,
// fBatch/fJvpBatch/fGradBatch need @Batched.
package corpus;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Backend;
class MissingOptions {
  @Differentiable
  static double f(double x) { return Math.sin(x) * x; }

  static double use(double[] xs, double[] out) {
    double h = MissingOptionsDerivatives.fHessian(1.0); // ERROR jgrad.NotGenerated
    double v = MissingOptionsDerivatives.fHvp(1.0, 1.0); // ERROR jgrad.NotGenerated
    MissingOptionsDerivatives.fBatch(xs, out, Backend.JAVA); // ERROR jgrad.NotGenerated
    MissingOptionsDerivatives.fGradBatch(xs, out, Backend.JAVA); // ERROR jgrad.NotGenerated
    MissingOptionsDerivatives.fJvpBatch(xs, xs, out, out, Backend.JAVA); // ERROR jgrad.NotGenerated
    return h + v + MissingOptionsDerivatives.fGrad(1.0);
  }
}

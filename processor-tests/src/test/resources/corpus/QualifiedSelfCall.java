// Mistake: recursion spelled with the class name.
package corpus;
import io.jgrad.annotations.Differentiable;
class QualifiedSelfCall {
  @Differentiable
  static double f(double x, int n) {
    if (n == 0) {
      return x;
    }
    return QualifiedSelfCall.f(Math.sin(x), n - 1); // ERROR jgrad.Recursion
  }
}

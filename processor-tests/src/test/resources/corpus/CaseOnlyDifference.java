// Mistake: f and F in one class: both would generate the gradient record FGrad.
package corpus;
import io.jgrad.annotations.Differentiable;
class CaseOnlyDifference {
  @Differentiable
  static double f(double x, double y) { return x * y; } // ERROR jgrad.Overload

  @Differentiable
  static double F(double x, double y) { return x + y; } // ERROR jgrad.Overload
}

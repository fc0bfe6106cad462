// Mistake: @NonDiff on the method instead of on a parameter; javac rejects it.
package corpus;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;
class NonDiffOnMethod {
  @NonDiff // JAVAC-ERROR (stops annotation processing)
  @Differentiable
  static double f(double x, double y) { return x * y; }
}

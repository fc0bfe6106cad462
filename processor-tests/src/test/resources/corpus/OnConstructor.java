// Mistake: @Differentiable on a constructor; the annotation targets methods only, so javac rejects it.
package corpus;
import io.jgrad.annotations.Differentiable;
class OnConstructor {
  final double value;

  @Differentiable // JAVAC-ERROR (stops annotation processing)
  OnConstructor(double x) {
    value = x * x;
  }
}

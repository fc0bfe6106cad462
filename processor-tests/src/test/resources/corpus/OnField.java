// Mistake: @Differentiable on a field; the annotation targets methods only, so javac rejects it.
package corpus;
import io.jgrad.annotations.Differentiable;
class OnField {
  @Differentiable // JAVAC-ERROR (stops annotation processing)
  static double scale = 2.0;

  static double f(double x) { return x * scale; }
}

// Mistake: the same name for a double and a float version.
package corpus;
import io.jgrad.annotations.Differentiable;
class OverloadedAcrossTypes {
  @Differentiable
  static double relu(double x) { return Math.max(0, x); } // ERROR jgrad.Overload

  @Differentiable
  static float relu(float x) { return Math.max(0f, x); } // ERROR jgrad.Overload
}

// Mistake: a Math function outside the table of primitives.
package corpus;
import io.jgrad.annotations.Differentiable;
class MathToRadians {
  @Differentiable
  static double f(double degrees) {
    return Math.sin(Math.toRadians(degrees)); // ERROR jgrad.UnsupportedMath
  }
}

// Mistake: a differentiable function that returns an int.
package corpus;
import io.jgrad.annotations.Differentiable;
class ReturnsInt {
  @Differentiable
  static int bucket(double x) { return (int) Math.floor(x); } // ERROR jgrad.UnsupportedType
}

// Mistake: a differentiable function that returns nothing.
package corpus;
import io.jgrad.annotations.Differentiable;
class ReturnsVoid {
  @Differentiable
  static void log(double x) { // ERROR jgrad.UnsupportedType
    System.out.println(x);
  }
}

// Mistake: a boxed Double local; it is reported once, at its declaration, not again where it is used.
package corpus;
import io.jgrad.annotations.Differentiable;
class BoxedLocal {
  @Differentiable
  static double f(double x) {
    Double boxed = x; // ERROR jgrad.UnsupportedType
    boxed = boxed * 2;
    return boxed * x;
  }
}

// Mistake: a boxed Double local; only the follow-on read is silent, the declaration is reported once.
package corpus;
import io.jgrad.annotations.Differentiable;
class BoxedLocal {
  @Differentiable
  static double f(double x) {
    Double boxed = x; // ERROR jgrad.UnsupportedType
    return boxed * x;
  }
}

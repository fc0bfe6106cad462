// Mistake: a floating-point remainder, compound form.
package corpus;
import io.jgrad.annotations.Differentiable;
class RemainderOnDouble {
  @Differentiable
  static double wrap(double angle) {
    double a = angle;
    a %= 2 * Math.PI; // ERROR jgrad.UnsupportedExpression
    return Math.sin(a);
  }
}

// Mistake: validating the input with a throw.
package corpus;
import io.jgrad.annotations.Differentiable;
class ThrowForBadInput {
  @Differentiable
  static double sqrtChecked(double x) {
    if (x < 0) {
      throw new IllegalArgumentException("negative"); // ERROR jgrad.UnsupportedStatement
    }
    return Math.sqrt(x);
  }
}

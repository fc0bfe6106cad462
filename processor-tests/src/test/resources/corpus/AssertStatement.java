// Mistake: an assert in the body.
package corpus;
import io.jgrad.annotations.Differentiable;
class AssertStatement {
  @Differentiable
  static double f(double x) {
    assert x >= 0 : "x must be non-negative"; // ERROR jgrad.UnsupportedStatement
    return Math.sqrt(x);
  }
}

// Mistake: writing to a char or byte, or casting a computed int to one: jgrad computes them as int,
// which would lose their wrap-around; reading them is fine.
package corpus;
import io.jgrad.annotations.Differentiable;
class NarrowIntWrites {
  @Differentiable
  static double f(double x, char c, int n) {
    c++; // ERROR jgrad.UnsupportedType
    byte b = 1;
    b += 2; // ERROR jgrad.UnsupportedType
    return x * c * b * (byte) n; // ERROR jgrad.UnsupportedType
  }
}

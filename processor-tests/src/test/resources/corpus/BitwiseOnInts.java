// Mistake: bitwise operators on the int values around the differentiable ones.
package corpus;
import io.jgrad.annotations.Differentiable;
class BitwiseOnInts {
  @Differentiable
  static double f(double x, int n) {
    int m = n & 3; // ERROR jgrad.UnsupportedExpression
    int k = n << 1; // ERROR jgrad.UnsupportedExpression
    return x * m * k;
  }
}

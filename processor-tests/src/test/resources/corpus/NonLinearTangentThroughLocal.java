// Mistake: the square of the tangent hidden behind two locals.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class NonLinearTangentThroughLocal {
  @CustomJvp(jvp = "fJvp")
  static double f(double x, double y) { return x * y; }

  static Dual fJvp(double x, double y, double xDot, double yDot) {
    double a = y * xDot;
    double b = x * yDot;
    return Dual.of(x * y, a * b); // ERROR jgrad.NonLinearTangent
  }
}

// Mistake: Math.abs of the tangent is not linear.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class NonLinearAbsOfTangent {
  @CustomJvp(jvp = "absJvp")
  static double abs(double x) { return Math.abs(x); }

  static Dual absJvp(double x, double xDot) {
    double t = Math.abs(xDot); // ERROR jgrad.NonLinearTangent
    return Dual.of(Math.abs(x), t);
  }
}

// Mistake: dividing by the tangent is not linear in it.
package corpus;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.runtime.Dual;
class NonLinearDivisionByTangent {
  @CustomJvp(jvp = "invJvp")
  static double inv(double x) { return 1 / x; }

  static Dual invJvp(double x, double xDot) {
    return Dual.of(1 / x, -1 / (x * x) / xDot); // ERROR jgrad.NonLinearTangent
  }
}
